package dev.leadbridge.core.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadbridge.core.Lead;
import dev.leadbridge.core.LeadPage;
import dev.leadbridge.core.LeadQuery;
import dev.leadbridge.core.LeadStatus;
import dev.leadbridge.core.LeadUpdate;
import dev.leadbridge.core.NewLead;
import dev.leadbridge.core.api.LeadProvider;
import dev.leadbridge.core.api.Operation;
import dev.leadbridge.core.api.ProviderCapabilities;
import dev.leadbridge.core.api.RateLimitSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The optional Micrometer binding, and that nothing else needs Micrometer. */
class LeadbridgeMetricsTest {

    @Test
    void bindsTheConnectionsResilienceAndCacheMetersTaggedWithItsName() {
        // given
        InMemoryProvider bare = new InMemoryProvider();
        ResilientLeadProvider provider = ResilientLeadProvider.wrap(bare, ResilienceSettings.custom()
                .rateLimit(RateLimitSpec.perHour(100)).build());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        // when
        LeadbridgeMetrics.bind(provider, registry);
        provider.get("1");
        provider.get("1");

        // then
        assertThat(registry.find("resilience4j.circuitbreaker.state").tag("name", "mem").gauges()).isNotEmpty();
        assertThat(registry.find("resilience4j.retry.calls").tag("name", "mem").functionCounters()).isNotEmpty();
        assertThat(registry.find("leadbridge.ratelimit.available.permits").tag("connection", "mem").gauge())
                .isNotNull();
        assertThat(registry.find("resilience4j.bulkhead.available.concurrent.calls").tag("name", "mem").gauge())
                .isNotNull();
        assertThat(registry.find("cache.gets").tag("cache", "mem").tag("result", "hit").functionCounter().count())
                .isEqualTo(1.0);
        assertThat(bare.gets.get()).isEqualTo(1);
    }

    @Test
    void coreWorksWithoutMicrometerOnTheClassPath() throws Exception {
        // given a class loader that sees everything but Micrometer
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("micrometer")) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> loader.loadClass("io.micrometer.core.instrument.MeterRegistry"))
                    .isInstanceOf(ClassNotFoundException.class);

            // when
            Class<?> probe = loader.loadClass(NoMetricsProbe.class.getName());
            Object result = probe.getMethod("run").invoke(null);

            // then
            assertThat(result).isEqualTo("Lead 1 / hits 1");
        }
    }

    /** Loaded in a class loader without Micrometer: wraps and uses a provider. */
    public static final class NoMetricsProbe {
        private NoMetricsProbe() {
        }

        /** Wraps an in-memory provider, gets one lead twice and reports the cache hits. */
        public static String run() {
            ResilientLeadProvider provider = ResilientLeadProvider.wrap(new InMemoryProvider());
            provider.get("1");
            return provider.get("1").name() + " / hits " + provider.cacheStats().hitCount();
        }
    }

    /** A provider without HTTP: leads named after their id. */
    static final class InMemoryProvider implements LeadProvider {
        final AtomicInteger gets = new AtomicInteger();

        @Override
        public String providerId() {
            return "memory";
        }

        @Override
        public String connection() {
            return "mem";
        }

        @Override
        public ProviderCapabilities capabilities() {
            return new ProviderCapabilities(EnumSet.of(Operation.GET), Set.of(), Set.of(), false, List.of(), 1,
                    false);
        }

        @Override
        public Lead get(String nativeId) {
            gets.incrementAndGet();
            return Lead.builder().connection("mem").provider("memory").nativeId(nativeId).name("Lead " + nativeId)
                    .status(LeadStatus.OPEN).build();
        }

        @Override
        public LeadPage list(LeadQuery query, int page) {
            throw unsupported("listing leads");
        }

        @Override
        public Lead create(NewLead lead) {
            throw unsupported("create");
        }

        @Override
        public Lead update(String nativeId, LeadUpdate update) {
            throw unsupported("update");
        }
    }

}
