package dev.leadbridge.cli.write;

import dev.leadbridge.cli.CliContext;
import dev.leadbridge.cli.progress.ProgressReporter;
import dev.leadbridge.core.BulkCreateResult;
import dev.leadbridge.core.Lead;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.error.ConflictException;
import dev.leadbridge.core.error.LeadbridgeException;
import dev.leadbridge.core.error.MalformedResponseException;
import dev.leadbridge.core.error.OutcomeUnknownException;
import dev.leadbridge.core.error.ProviderUnavailableException;
import dev.leadbridge.core.resilience.ResilientLeadProvider;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.api.RateLimitSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Creates the leads of a stream of {@link SourceRecord}s at one target connection, never twice: each record's key is
 * looked up in the {@link Journal} (records already {@code created} or {@code unknown} are skipped), the lead is fitted
 * to the target ({@link TargetShape}), a {@code pending} line is forced to disk before the request and the outcome
 * after it. Bulk requests where the provider has them. Used by {@code import} and {@code copy}. Not thread-safe.
 */
public final class LeadWriter {

    /** Records per bulk request at most (Nexor's limit). */
    public static final int MAX_BULK = 1000;

    private final CliContext ctx;
    private final String label;
    private final String target;
    private final LeadProvider provider;
    private final TargetShape shape;
    private final Journal journal;
    private final Map<String, Journal.Entry> known;
    private final boolean dryRun;
    private final boolean bulk;
    private final Map<String, Integer> dropped = new TreeMap<>();
    private final List<String> unknownKeys = new ArrayList<>();
    private final List<String> rejectedLines = new ArrayList<>();
    private long created;
    private long rejected;
    private long unknown;
    private long skippedCreated;
    private long skippedUnknown;
    private long seen;
    private LeadbridgeException sourceFailure;

    /**
     * A writer.
     *
     * @param ctx      where progress and the summary go
     * @param label    the command, {@code import} or {@code copy}
     * @param target   the target connection's name
     * @param provider the target connection
     * @param journal  the journal to write, or null with {@code dryRun}
     * @param known    what the journal held before this run (key to last entry)
     * @param dryRun   validate only: send nothing, write no journal
     */
    public LeadWriter(CliContext ctx, String label, String target, LeadProvider provider, Journal journal,
                      Map<String, Journal.Entry> known, boolean dryRun) {
        this.ctx = ctx;
        this.label = label;
        this.target = target;
        this.provider = provider;
        this.shape = TargetShape.of(provider.providerId());
        this.journal = journal;
        this.known = new java.util.HashMap<>(known);
        this.dryRun = dryRun;
        this.bulk = provider.capabilities().supports(Operation.BULK_CREATE);
    }

    /**
     * The line announcing how long the target's request budget makes {@code records} creates take, or null when the
     * target has no budget or it does not matter (under a minute).
     */
    public String estimate(Long records) {
        if (!(provider instanceof ResilientLeadProvider r)) {
            return null;
        }
        RateLimitSpec spec = r.rateLimit().orElse(null);
        if (spec == null) {
            return null;
        }
        if (records == null) {
            return label + ": '" + target + "' (" + provider.providerId() + ") allows " + spec + "; each lead is "
                    + (bulk ? "part of a bulk request of up to " + MAX_BULK : "one request")
                    + ", so a large " + label + " takes hours at that pace";
        }
        long requests = bulk ? (records + MAX_BULK - 1) / MAX_BULK : records;
        Duration time = Duration.ofMillis(spec.period().toMillis() * requests / spec.requests());
        if (time.compareTo(Duration.ofMinutes(1)) < 0) {
            return null;
        }
        return String.format(Locale.ROOT, "%s: %,d records to '%s' (%s), which allows %s: this takes about %s",
                label, records, target, provider.providerId(), spec, ProgressReporter.formatDuration(time));
    }

    /** Writes every record; returns the exit code (0 all created, 4 some not, 5 none). */
    public int run(Iterator<SourceRecord> records) {
        try (ProgressReporter progress = new ProgressReporter(ctx, label, List.of(target)).start()) {
            List<Pending> batch = new ArrayList<>();
            int batchSize = bulk ? MAX_BULK : 1;
            while (true) {
                SourceRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (LeadbridgeException e) {
                    // the source failed (copy): what was read is still sent and journaled
                    sourceFailure = e;
                    break;
                }
                seen++;
                Pending p = prepare(record);
                if (p != null) {
                    batch.add(p);
                    if (batch.size() >= batchSize) {
                        send(batch);
                        batch.clear();
                    }
                }
                progress.leadsFetched(target, seen);
            }
            if (!batch.isEmpty()) {
                send(batch);
            }
        }
        return summary();
    }

    private record Pending(String key, NewLead lead) {
    }

    /** Skips, rejects or fits one record; returns what to send, or null. */
    private Pending prepare(SourceRecord record) {
        String key = record.key();
        Journal.Entry before = known.get(key);
        if (before != null) {
            switch (before.state()) {
                case CREATED -> {
                    skippedCreated++;
                    return null;
                }
                case UNKNOWN -> {
                    skippedUnknown++;
                    unknownKeys.add(key);
                    return null;
                }
                case PENDING -> {
                    // a previous run stopped after announcing the request and before recording its outcome
                    record(key, Journal.State.UNKNOWN, "a previous run stopped after sending this record and before"
                            + " its outcome was recorded; it may have been created");
                    return null;
                }
                case REJECTED -> {
                    // tried again
                }
            }
        }
        if (!record.readable()) {
            record(key, Journal.State.REJECTED, record.error());
            return null;
        }
        TargetShape.Fit fit = shape.fit(record.lead());
        fit.dropped().forEach(f -> dropped.merge(f, 1, Integer::sum));
        if (fit.rejection() != null) {
            record(key, Journal.State.REJECTED, where(record) + fit.rejection());
            return null;
        }
        if (dryRun) {
            created++;
            known.put(key, new Journal.Entry(Journal.State.CREATED, ""));
            return null;
        }
        // a key seen again later in the same input is skipped, not sent twice
        known.put(key, new Journal.Entry(Journal.State.PENDING, ""));
        return new Pending(key, fit.lead());
    }

    private static String where(SourceRecord record) {
        return record.line() > 0 ? "line " + record.line() + ": " : "";
    }

    private void send(List<Pending> batch) {
        journal.pending(batch.stream().map(Pending::key).toList());
        if (batch.size() == 1 && !bulk) {
            Pending p = batch.get(0);
            try {
                Lead lead = provider.create(p.lead());
                record(p.key(), Journal.State.CREATED, lead.id());
            } catch (LeadbridgeException e) {
                record(p.key(), classify(e), reason(e));
            }
            return;
        }
        BulkCreateResult result;
        try {
            result = provider.createAll(batch.stream().map(Pending::lead).toList());
        } catch (LeadbridgeException e) {
            Map<String, Journal.Entry> all = new LinkedHashMap<>();
            for (Pending p : batch) {
                all.put(p.key(), new Journal.Entry(classify(e), reason(e)));
            }
            recordAll(all);
            return;
        }
        Map<String, Journal.Entry> outcomes = new LinkedHashMap<>();
        for (BulkCreateResult.Item item : result.items()) {
            Pending p = batch.get(item.index());
            outcomes.put(p.key(), item.succeeded() ? new Journal.Entry(Journal.State.CREATED, item.lead().id())
                    : new Journal.Entry(classify(item.error()), reason(item.error())));
        }
        for (Pending p : batch) {
            // an item the answer did not mention may have been created
            outcomes.putIfAbsent(p.key(), new Journal.Entry(Journal.State.UNKNOWN,
                    "the bulk answer did not report this record"));
        }
        recordAll(outcomes);
    }

    /** Whether a failed create may have happened ({@code unknown}) or certainly did not ({@code rejected}). */
    static Journal.State classify(LeadbridgeException e) {
        if (e instanceof OutcomeUnknownException || e instanceof MalformedResponseException
                || (e instanceof ProviderUnavailableException p && p.requestMayHaveReachedServer())) {
            return Journal.State.UNKNOWN;
        }
        return Journal.State.REJECTED;
    }

    private String reason(LeadbridgeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof ConflictException c) {
            String code = c.providerCode() == null ? "conflict" : c.providerCode();
            return code + (c.existingLeadId() == null ? "" : ": existing lead " + target + ":" + c.existingLeadId())
                    + " (" + message + ")";
        }
        return ctx.redactor().redact(message);
    }

    private void record(String key, Journal.State state, String detail) {
        if (!dryRun) {
            journal.outcome(key, state, detail);
        }
        count(key, state, detail);
    }

    private void recordAll(Map<String, Journal.Entry> outcomes) {
        journal.outcomes(outcomes);
        outcomes.forEach((key, e) -> count(key, e.state(), e.detail()));
    }

    private void count(String key, Journal.State state, String detail) {
        known.put(key, new Journal.Entry(state, detail));
        switch (state) {
            case CREATED -> created++;
            case UNKNOWN -> {
                unknown++;
                unknownKeys.add(key);
            }
            case REJECTED -> {
                rejected++;
                if (rejectedLines.size() < 10) {
                    rejectedLines.add(key + ": " + detail);
                }
            }
            default -> {
            }
        }
    }

    private int summary() {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        if (!dropped.isEmpty()) {
            StringBuilder names = new StringBuilder();
            dropped.forEach((f, n) -> names.append(names.length() == 0 ? "" : ", ").append(f).append(" (")
                    .append(n).append(n == 1 ? " record)" : " records)"));
            sb.append(label).append(": '").append(target).append("' (").append(provider.providerId())
                    .append(") cannot hold these fields; they ").append(dryRun ? "would be" : "were")
                    .append(" dropped: ").append(names).append(nl);
        }
        for (String r : rejectedLines) {
            sb.append(label).append(": rejected ").append(r).append(nl);
        }
        if (rejected > rejectedLines.size()) {
            sb.append(label).append(": ... ").append(rejected - rejectedLines.size())
                    .append(" more rejected records; the journal lists every one").append(nl);
        }
        if (!unknownKeys.isEmpty()) {
            sb.append(label).append(": ").append(unknownKeys.size()).append(unknownKeys.size() == 1 ? " record" :
                    " records").append(" may or may not have been created (unknown: ")
                    .append(String.join(", ", unknownKeys.subList(0, Math.min(5, unknownKeys.size()))))
                    .append(unknownKeys.size() > 5 ? ", ..." : "").append("); they are never sent again"
                    + " automatically: look for them at '").append(target).append("' (e.g. 'leadbridge export"
                    + " --connection ").append(target).append("' and search by email, or 'leadbridge get ")
                    .append(target).append(":<id>'), then remove their lines from the journal to send them again")
                    .append(nl);
        }
        String counts = String.format(Locale.ROOT, "%,d created, %,d rejected, %,d unknown, %,d skipped",
                created, rejected, unknown, skippedCreated + skippedUnknown);
        sb.append(label).append(": ").append(dryRun ? "dry run, nothing sent: " + counts.replaceFirst("created",
                "would be created") : counts).append(" (").append(seen).append(" records");
        if (journal != null) {
            sb.append(", journal '").append(journal.path()).append("'");
        }
        sb.append(')').append(nl);
        // one errLine per line: keys and reasons echo the input, so each line is escaped and shortened
        sb.toString().lines().forEach(ctx::errLine);
        if (sourceFailure != null) {
            ctx.errLine(label + ": reading the source failed after " + seen + " records, so not every lead was"
                    + " copied: " + ctx.redactor().redact(String.valueOf(sourceFailure.getMessage()))
                    + "; rerun the same command to go on (the journal skips what was done)");
            return created + skippedCreated > 0 ? 4 : 5;
        }
        if (rejected == 0 && unknown == 0 && skippedUnknown == 0) {
            return 0;
        }
        return created + skippedCreated > 0 ? 4 : 5;
    }
}
