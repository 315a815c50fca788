package dev.gitops.kustomize.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** go-yaml timestamps as kustomize prints them (values checked against kubectl kustomize 5.7.1). */
class GoTimeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "2021-01-01|2021-01-01T00:00:00Z",
        "2021-1-2|2021-01-02T00:00:00Z",
        "2021-01-01 10:00:00|2021-01-01T10:00:00Z",
        "2021-01-01  10:00:00|2021-01-01T10:00:00Z",
        "2021-01-01 10:00:00.5|2021-01-01T10:00:00.5Z",
        "2021-01-01T10:00:00.000Z|2021-01-01T10:00:00Z",
        "2021-01-01T10:00:00+00:00|2021-01-01T10:00:00Z",
        "2021-01-01T10:00:00.123456789+01:30|2021-01-01T10:00:00.123456789+01:30",
        "2001-12-14t21:59:43.10-05:00|2001-12-14T21:59:43.1-05:00",
        "2021-01-01T1:2:3Z|2021-01-01T01:02:03Z",
        "0001-01-01|0001-01-01T00:00:00Z",
        "2021-13-01|NULL",
        "2021-02-29|NULL",
        "2020-02-29|2020-02-29T00:00:00Z",
        "2021-01-01T25:00:00Z|NULL",
        "2021-01-01T10:00:00|NULL",
        "2021-01-01T10:00Z|NULL",
        "12021-01-01|NULL",
        "2001-12-14 21:59:43.10 -5|NULL",
    })
    void formats(String in, String out) {
        assertEquals(out, GoTime.rfc3339(in));
    }

    @Property
    void datesPrintAsMidnightUtc(@ForAll @IntRange(min = 0, max = 9999) int year,
            @ForAll @IntRange(min = 1, max = 12) int month, @ForAll @IntRange(min = 1, max = 28) int day) {
        String date = String.format("%04d-%d-%d", year, month, day);
        assertEquals(String.format("%04d-%02d-%02dT00:00:00Z", year, month, day), GoTime.rfc3339(date));
    }
}
