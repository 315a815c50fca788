{{- define "errors.inner" -}}
value: {{ .missing.deeper }}
{{- end -}}
{{- define "errors.cmp" -}}
{{ lt 1 "a" }}
{{- end -}}
