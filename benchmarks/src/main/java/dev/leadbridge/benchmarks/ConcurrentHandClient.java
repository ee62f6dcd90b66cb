package dev.leadbridge.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The hand-written client the end-to-end CPU bench compares Leadbridge with: what a user would write to export
 * Octanist accounts with the same pages in flight as Leadbridge and the one canonical rule that costs real CPU,
 * phone numbers to E.164. Accounts are read in parallel; each reads page 1 (which tells how many pages there are),
 * then the other pages with at most {@code concurrency} in flight. Each body is decoded by Jackson into plain maps and each lead's
 * phone parsed and formatted by libphonenumber; leads are counted, not kept. Its threads live as long as it does, so
 * per-thread counters see all of its work.
 */
final class ConcurrentHandClient implements AutoCloseable {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final int pageSize;
    private final ExecutorService accounts;
    private final ExecutorService pages;
    private final int concurrency;
    private final LongAdder normalised = new LongAdder();
    private volatile java.util.function.Consumer<Map<String, Object>> sink = lead -> { };

    ConcurrentHandClient(int accountCount, int pageSize, int concurrency) {
        this.pageSize = pageSize;
        AtomicInteger n = new AtomicInteger();
        this.accounts = Executors.newFixedThreadPool(accountCount, r -> daemon(r, "hand-account-" + n.incrementAndGet()));
        this.pages = Executors.newFixedThreadPool(accountCount * concurrency,
                r -> daemon(r, "hand-page-" + n.incrementAndGet()));
        this.concurrency = concurrency;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Exports every lead of every account; returns how many leads were read. */
    long export(List<SequentialExporter.Account> all) throws InterruptedException {
        List<Future<Long>> perAccount = new ArrayList<>();
        for (SequentialExporter.Account account : all) {
            perAccount.add(accounts.submit(() -> exportAccount(account)));
        }
        long leads = 0;
        for (Future<Long> f : perAccount) {
            leads += get(f);
        }
        return leads;
    }

    @SuppressWarnings("unchecked")
    private long exportAccount(SequentialExporter.Account account) throws InterruptedException {
        Map<String, Object> first = page(account, 1);
        long leads = count(first);
        Map<String, Object> meta = (Map<String, Object>) first.get("meta");
        Map<String, Object> pagination = meta == null ? null : (Map<String, Object>) meta.get("pagination");
        int totalPages = pagination == null ? 1 : ((Number) pagination.get("totalPages")).intValue();
        // at most `concurrency` pages of this account in flight: the next goes out as soon as one is back
        Semaphore inFlight = new Semaphore(concurrency);
        List<Future<Long>> rest = new ArrayList<>();
        for (int p = 2; p <= totalPages; p++) {
            int pageNo = p;
            inFlight.acquire();
            rest.add(pages.submit(() -> {
                try {
                    return count(page(account, pageNo));
                } finally {
                    inFlight.release();
                }
            }));
        }
        for (Future<Long> f : rest) {
            leads += get(f);
        }
        return leads;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> page(SequentialExporter.Account account, int page) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(account.baseUrl() + "/leads?limit=" + pageSize + "&page=" + page))
                .header("X-API-KEY", account.apiKey())
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("GET " + request.uri() + " answered HTTP " + response.statusCode());
            }
            return json.readValue(response.body(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts the page's leads, normalising each phone on the way (the E.164 forms are counted, not kept). */
    @SuppressWarnings("unchecked")
    private long count(Map<String, Object> body) {
        List<Map<String, Object>> data = (List<Map<String, Object>>) body.get("data");
        for (Map<String, Object> lead : data) {
            if (lead.get("phone") instanceof String phone && e164(phone) != null) {
                normalised.increment();
            }
            sink.accept(lead);
        }
        return data.size();
    }

    /** The number in E.164, or null when libphonenumber cannot read it or it is not a possible number. */
    static String e164(String phone) {
        try {
            Phonenumber.PhoneNumber parsed = PHONES.parse(phone, null);
            return PHONES.isPossibleNumber(parsed) ? PHONES.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164)
                    : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static long get(Future<Long> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("hand-written export failed", e.getCause());
        }
    }

    @Override
    public void close() {
        accounts.shutdownNow();
        pages.shutdownNow();
    }

    /**
     * The hand-written export as a program of its own, for the CLI comparison (docs/BENCHMARKS.md, section 8): every
     * lead of one Octanist account as a JSON line on standard output. Arguments: base URL, API key, pages in flight.
     */
    public static void main(String[] args) throws Exception {
        java.io.OutputStream out = new java.io.BufferedOutputStream(new java.io.FileOutputStream(
                java.io.FileDescriptor.out), 1 << 16);
        ObjectMapper writer = new ObjectMapper();
        long count;
        try (ConcurrentHandClient client = new ConcurrentHandClient(1, 100, Integer.parseInt(args[2]))) {
            client.sink = lead -> {
                synchronized (out) {
                    try {
                        out.write(writer.writeValueAsBytes(lead));
                        out.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
            count = client.export(List.of(new SequentialExporter.Account(args[0], args[1])));
        }
        out.flush();
        System.err.println(count + " leads");
    }
}
