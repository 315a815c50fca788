package dev.gitops.kubernetes;

import io.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.kubernetes.client.extended.leaderelection.LeaderElector;
import io.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.kubernetes.client.openapi.ApiClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election for several replicas of a service that embeds the engine, on a
 * {@code coordination.k8s.io/v1} Lease through client-java-extended's {@link LeaderElector}.
 *
 * <p>{@link #start()} campaigns in a background thread. When this replica acquires the lease it runs
 * {@code onStartedLeading}; when it loses the lease (renewal failed before the renew deadline, or another holder
 * took it) it runs {@code onStoppedLeading} and campaigns again, so a replica that lost leadership re-acquires it
 * once the lease is free. {@link #close()} stops campaigning and releases nothing else: the lease expires after
 * its duration. Callbacks run on the election thread and must not block for long.
 */
public final class LeaderElection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

    private final ApiClient client;
    private final String namespace;
    private final String name;
    private final String identity;
    private final Duration leaseDuration;
    private final Duration renewDeadline;
    private final Duration retryPeriod;
    private final Runnable onStartedLeading;
    private final Runnable onStoppedLeading;
    private final Consumer<String> onNewLeader;
    private final AtomicBoolean leading = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger terms = new AtomicInteger();
    private final Object lock = new Object();
    private Thread thread;
    private LeaderElector elector;

    private LeaderElection(Builder b) {
        this.client = Objects.requireNonNull(b.client, "apiClient");
        this.namespace = requireNonEmpty(b.namespace, "namespace");
        this.name = requireNonEmpty(b.name, "name");
        this.identity = requireNonEmpty(b.identity, "identity");
        this.leaseDuration = b.leaseDuration;
        this.renewDeadline = b.renewDeadline;
        this.retryPeriod = b.retryPeriod;
        if (renewDeadline.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("renewDeadline must be shorter than leaseDuration");
        }
        if (retryPeriod.compareTo(renewDeadline) >= 0) {
            throw new IllegalArgumentException("retryPeriod must be shorter than renewDeadline");
        }
        this.onStartedLeading = b.onStartedLeading;
        this.onStoppedLeading = b.onStoppedLeading;
        this.onNewLeader = b.onNewLeader;
    }

    private static String requireNonEmpty(String s, String what) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return s;
    }

    /** A builder; lease 15 s, renew deadline 10 s, retry period 2 s (the Kubernetes controller defaults). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link LeaderElection}s. */
    public static final class Builder {
        private ApiClient client;
        private String namespace = "";
        private String name = "";
        private String identity = "";
        private Duration leaseDuration = Duration.ofSeconds(15);
        private Duration renewDeadline = Duration.ofSeconds(10);
        private Duration retryPeriod = Duration.ofSeconds(2);
        private Runnable onStartedLeading = () -> { };
        private Runnable onStoppedLeading = () -> { };
        private Consumer<String> onNewLeader = leader -> { };

        private Builder() {
        }

        /** The API client. */
        public Builder apiClient(ApiClient c) {
            this.client = Objects.requireNonNull(c);
            return this;
        }

        /** The Lease's namespace and name. */
        public Builder lease(String leaseNamespace, String leaseName) {
            this.namespace = Objects.requireNonNull(leaseNamespace);
            this.name = Objects.requireNonNull(leaseName);
            return this;
        }

        /** This replica's identity (unique among the replicas, e.g. the pod name). */
        public Builder identity(String id) {
            this.identity = Objects.requireNonNull(id);
            return this;
        }

        /** Lease duration, renew deadline and retry period. */
        public Builder timing(Duration lease, Duration renew, Duration retry) {
            this.leaseDuration = Objects.requireNonNull(lease);
            this.renewDeadline = Objects.requireNonNull(renew);
            this.retryPeriod = Objects.requireNonNull(retry);
            return this;
        }

        /** Runs when this replica becomes the leader. */
        public Builder onStartedLeading(Runnable r) {
            this.onStartedLeading = Objects.requireNonNull(r);
            return this;
        }

        /** Runs when this replica stops being the leader. */
        public Builder onStoppedLeading(Runnable r) {
            this.onStoppedLeading = Objects.requireNonNull(r);
            return this;
        }

        /** Receives the identity of each newly observed leader. */
        public Builder onNewLeader(Consumer<String> c) {
            this.onNewLeader = Objects.requireNonNull(c);
            return this;
        }

        /** The election (not started). */
        public LeaderElection build() {
            return new LeaderElection(this);
        }
    }

    /**
     * Starts campaigning in a daemon thread.
     *
     * @throws IllegalStateException when already started or closed
     */
    public void start() {
        synchronized (lock) {
            if (thread != null || closed.get()) {
                throw new IllegalStateException("leader election already started or closed");
            }
            thread = new Thread(this::campaign, "leader-election-" + name + "-" + identity);
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void campaign() {
        while (!closed.get()) {
            LeaderElectionConfig config = new LeaderElectionConfig(new LeaseLock(namespace, name, identity, client),
                    leaseDuration, renewDeadline, retryPeriod);
            LeaderElector le = new LeaderElector(config, e -> LOG.warn("leader election {}/{}: {}", namespace, name,
                    e.toString()));
            synchronized (lock) {
                if (closed.get()) {
                    return;
                }
                elector = le;
            }
            try {
                le.run(this::started, this::stopped, leader -> onNewLeader.accept(leader));
            } catch (RuntimeException e) {
                LOG.warn("leader election {}/{} failed: {}", namespace, name, e.toString());
            } finally {
                if (leading.getAndSet(false)) {
                    safely(onStoppedLeading);
                }
                le.close();
            }
            if (!closed.get()) {
                sleep(retryPeriod);
            }
        }
    }

    private void started() {
        if (!leading.getAndSet(true)) {
            terms.incrementAndGet();
            LOG.info("{} is now the leader of {}/{}", identity, namespace, name);
            safely(onStartedLeading);
        }
    }

    private void stopped() {
        if (leading.getAndSet(false)) {
            LOG.info("{} lost the lease {}/{}", identity, namespace, name);
            safely(onStoppedLeading);
        }
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("leader election callback failed: {}", e.toString());
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True while this replica holds the lease. */
    public boolean isLeader() {
        return leading.get();
    }

    /** How many times this replica has become the leader. */
    public int terms() {
        return terms.get();
    }

    /** This replica's identity. */
    public String identity() {
        return identity;
    }

    /** Stops campaigning (and leading); waits briefly for the election thread to end. */
    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            if (elector != null) {
                elector.close();
            }
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(retryPeriod.toMillis() * 2 + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
