{{- define "common.annotations" -}}
{{- if .annotations }}
  annotations:
    {{- range $k, $v := .annotations }}
    {{ $k }}: {{ $v | quote }}
    {{- end }}
    release: {{ .context.Release.Name }}
{{- end }}
{{- end -}}
