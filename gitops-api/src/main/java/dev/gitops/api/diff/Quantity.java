package dev.gitops.api.diff;

import dev.gitops.api.error.InvalidInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * A Kubernetes resource quantity ({@code 500m}, {@code 0.5}, {@code 1Gi}, {@code 1024Mi}, {@code 1e3}), following
 * the grammar of {@code k8s.io/apimachinery/pkg/api/resource.Quantity}: an optionally signed decimal number and a
 * suffix that is binary SI ({@code Ki Mi Gi Ti Pi Ei}), decimal SI ({@code n u m k M G T P E}) or a decimal
 * exponent ({@code e3}, {@code E-2}). Two quantities are equal when their values are: {@code 500m} equals
 * {@code 0.5} and {@code 1Gi} equals {@code 1024Mi}.
 *
 * @param text the quantity as written
 * @param value its exact value
 */
public record Quantity(String text, BigDecimal value) {

    private static final BigDecimal KI = BigDecimal.valueOf(1024);

    /** Validates. */
    public Quantity {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Parses a quantity.
     *
     * @throws InvalidInputException when {@code text} is not a quantity
     */
    public static Quantity parse(String text) {
        return tryParse(text).orElseThrow(() -> new InvalidInputException(
                "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': \""
                        + text + "\""));
    }

    /** Parses a quantity, or empty when {@code text} is not one. */
    public static Optional<Quantity> tryParse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.trim();
        if (s.isEmpty() || !s.equals(text)) {
            return Optional.empty();
        }
        int i = 0;
        int n = s.length();
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            i++;
        }
        int intDigits = 0;
        while (i < n && Character.isDigit(s.charAt(i))) {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
                fracDigits++;
            }
        }
        if (intDigits + fracDigits == 0) {
            return Optional.empty();
        }
        String number = s.substring(0, i);
        BigDecimal base;
        try {
            base = new BigDecimal(number); // accepts "+1", ".5" and "5."
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String suffix = s.substring(i);
        BigDecimal multiplier;
        switch (suffix) {
            case "" -> multiplier = BigDecimal.ONE;
            case "n" -> multiplier = BigDecimal.ONE.scaleByPowerOfTen(-9);
            case "u" -> multiplier = BigDecimal.ONE.scaleByPowerOfTen(-6);
            case "m" -> multiplier = BigDecimal.ONE.scaleByPowerOfTen(-3);
            case "k" -> multiplier = BigDecimal.ONE.scaleByPowerOfTen(3);
            case "M" -> multiplier = BigDecimal.ONE.scaleByPowerOfTen(6);
            case "G" -> multiplier = BigDecimal.ONE.scaleByPowerOfTen(9);
            case "T" -> multiplier = BigDecimal.ONE.scaleByPowerOfTen(12);
            case "P" -> multiplier = BigDecimal.ONE.scaleByPowerOfTen(15);
            case "E" -> multiplier = BigDecimal.ONE.scaleByPowerOfTen(18);
            case "Ki" -> multiplier = KI;
            case "Mi" -> multiplier = KI.pow(2);
            case "Gi" -> multiplier = KI.pow(3);
            case "Ti" -> multiplier = KI.pow(4);
            case "Pi" -> multiplier = KI.pow(5);
            case "Ei" -> multiplier = KI.pow(6);
            default -> {
                if ((suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E') && suffix.length() > 1) {
                    String exp = suffix.substring(1);
                    if (!exp.matches("[+-]?[0-9]+") || exp.replaceFirst("^[+-]", "").length() > 9) {
                        return Optional.empty();
                    }
                    multiplier = BigDecimal.ONE.scaleByPowerOfTen(Integer.parseInt(exp));
                } else {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new Quantity(text, base.multiply(multiplier)));
    }

    /** True when both quantities have the same value. */
    public boolean sameValue(Quantity other) {
        return value.compareTo(other.value) == 0;
    }

    /** The value rounded up to an integer, as Kubernetes' {@code Value()}. */
    public BigInteger roundedUp() {
        return value.setScale(0, java.math.RoundingMode.CEILING).toBigIntegerExact();
    }

    /** Value equality ({@code 1Gi} equals {@code 1024Mi}). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Quantity q && sameValue(q);
    }

    @Override
    public int hashCode() {
        return value.stripTrailingZeros().hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
