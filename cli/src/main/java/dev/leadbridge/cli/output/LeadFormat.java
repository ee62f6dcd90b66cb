package dev.leadbridge.cli.output;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.canonical.LeadJsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** The export formats: JSON Lines (one canonical JSON object per line) and CSV with a header row. */
public enum LeadFormat {
    /** One canonical JSON object per line, {@code \n}-terminated. */
    JSONL,
    /** RFC 4180 CSV with a header row and dotted columns for nested fields. */
    CSV;

    /** A sink writing leads of this format to {@code out}; {@code includeRaw} adds the provider's JSON. */
    public LeadSink open(Writer out, boolean includeRaw) {
        if (this == CSV) {
            LeadCsvWriter csv = new LeadCsvWriter(out, includeRaw);
            return new LeadSink() {
                @Override
                public void begin() {
                    csv.writeHeader();
                }

                @Override
                public void write(Lead lead) {
                    csv.write(lead);
                }

                @Override
                public void flush() {
                    csv.flush();
                }
            };
        }
        LeadJsonWriter json = new LeadJsonWriter(includeRaw);
        return new LeadSink() {
            @Override
            public void begin() {
            }

            @Override
            public void write(Lead lead) {
                try {
                    json.write(lead, out);
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void flush() {
                try {
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** Where leads are written, one at a time. Not thread-safe. */
    public interface LeadSink {
        /** Writes what comes before the first lead (the CSV header). */
        void begin();

        /** Writes one lead. */
        void write(Lead lead);

        /** Flushes what was written. */
        void flush();
    }
}
