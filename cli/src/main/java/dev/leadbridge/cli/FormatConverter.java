package dev.leadbridge.cli;

import dev.leadbridge.cli.output.LeadFormat;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --format}: {@code jsonl} or {@code csv}, in any case. */
final class FormatConverter implements ITypeConverter<LeadFormat> {

    @Override
    public LeadFormat convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "jsonl", "ndjson" -> LeadFormat.JSONL;
            case "csv" -> LeadFormat.CSV;
            default -> throw new TypeConversionException("unknown format '" + value + "': use jsonl or csv");
        };
    }
}
