package dev.logctx.kafka.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.kafka.HeaderNames;
import dev.logctx.kafka.RecordContext;
import dev.logctx.testsupport.CapturedLog;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.EmitterConfiguration;
import io.smallrye.reactive.messaging.MessagePublisherProvider;
import io.smallrye.reactive.messaging.annotations.EmitterFactoryFor;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.providers.extension.AbstractEmitter;
import io.smallrye.reactive.messaging.providers.extension.EmitterImpl;
import io.smallrye.reactive.messaging.providers.extension.MutinyEmitterImpl;
import io.vertx.core.Vertx;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * SmallRye Reactive Messaging's own emitters ({@link EmitterImpl}, {@link MutinyEmitterImpl}), with
 * the chain the decorators build on an emitter's Kafka channel: the emitter, logctx's step on the
 * emitter's channel, then the step that writes the headers where the connector's sink subscribes.
 * The sink asks for one message at a time, from a thread of its own that holds another request's
 * MDC (as a connector's thread may), and a consumer logs each record in the context of its headers
 * — the line a user reads. Senders are pooled threads, each reused for many sends.
 */
class SmallRyeEmittersTest {
  private static final Logger LOG =
      LoggerFactory.getLogger("dev.logctx.kafka.messaging.test.Consumer");
  private static final String RECEIVED = "order event received";
  private static final String FOREIGN = "sink-thread-request";
  private static final int SENDERS = 4;
  private static final int MESSAGES = 100;

  @RegisterExtension
  final CapturedLog log = CapturedLog.ofLoggers("dev.logctx.kafka.messaging.test");

  private final List<ExecutorService> pools = new ArrayList<>();

  @AfterEach
  void stopPools() {
    pools.forEach(ExecutorService::shutdownNow);
  }

  private ExecutorService pool() {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pools.add(pool);
    return pool;
  }

  @Test
  void messages_queued_behind_a_slow_sink_keep_their_senders_ids() throws Exception {
    EmitterImpl<String> emitter = new EmitterImpl<>(config(OnOverflow.Strategy.BUFFER, 256), 128);
    Sink sink = new Sink(pool(), pool(), true);
    withLogctx(emitter).subscribe(sink);

    sendFromPooledSenders(n -> emitter.send(Message.of(n)));
    sink.release.countDown();

    assertEveryLineCarriesItsSendersIds();
    assertThat(sink.handedOnBySink.get())
        .as("messages the sink's own thread handed on (not their sender's)")
        .isEqualTo(MESSAGES - 1);
  }

  @Test
  void negative_control_a_step_where_the_sink_takes_the_message_takes_the_sink_threads_ids()
      throws Exception {
    EmitterImpl<String> emitter = new EmitterImpl<>(config(OnOverflow.Strategy.BUFFER, 256), 128);
    Sink sink = new Sink(pool(), pool(), true);
    naive(emitter).subscribe(sink);

    sendFromPooledSenders(n -> emitter.send(Message.of(n)));
    sink.release.countDown();

    List<CapturedLog.Line> lines = log.awaitLines(l -> l.message().startsWith(RECEIVED), MESSAGES,
        Duration.ofSeconds(30));
    assertThat(lines.stream().filter(l -> FOREIGN.equals(l.requestId())).count())
        .as("lines with the sink thread's request_id instead of their sender's")
        .isEqualTo(MESSAGES - 1);
  }

  @Test
  void emitter_send_of_a_payload_carries_each_senders_ids() throws Exception {
    EmitterImpl<String> emitter = new EmitterImpl<>(config(OnOverflow.Strategy.BUFFER, 256), 128);
    Sink sink = new Sink(pool(), pool(), true);
    withLogctx(emitter).subscribe(sink);

    sendFromPooledSenders(n -> emitter.send(n));
    sink.release.countDown();

    assertEveryLineCarriesItsSendersIds();
  }

  @Test
  void mutiny_emitter_sends_carry_each_senders_ids_however_they_are_sent() throws Exception {
    MutinyEmitterImpl<String> emitter =
        new MutinyEmitterImpl<>(config(OnOverflow.Strategy.BUFFER, 256), 128);
    Sink sink = new Sink(pool(), pool(), false);
    withLogctx(emitter).subscribe(sink);

    sendFromPooledSenders(
        n -> {
          switch (Integer.parseInt(n) % 4) {
            case 0 -> emitter.sendAndAwait(n);
            case 1 -> emitter.sendAndForget(n);
            case 2 -> emitter.send(Message.of(n));
            default -> emitter.send(n).subscribe().with(ok -> {}, failed -> {});
          }
        });

    assertEveryLineCarriesItsSendersIds();
  }

  @Test
  void a_mutiny_emitters_lazy_send_is_sent_where_it_is_subscribed_in_that_threads_context()
      throws Exception {
    MutinyEmitterImpl<String> emitter =
        new MutinyEmitterImpl<>(config(OnOverflow.Strategy.BUFFER, 256), 128);
    Sink sink = new Sink(pool(), pool(), false);
    withLogctx(emitter).subscribe(sink);

    Uni<Void> notYetSent = onPooledThread(pool(), "req-made", () -> emitter.send("1"));
    onPooledThread(pool(), "req-subscribed", () -> notYetSent.subscribe().with(ok -> {}));

    assertThat(log.awaitLines(l -> l.message().equals(RECEIVED + " 1"), 1, Duration.ofSeconds(10))
            .get(0)
            .requestId())
        .as("a Uni is sent when it is subscribed; the context is the one of that moment")
        .isEqualTo("req-subscribed");
  }

  @Test
  void sends_before_the_channel_is_subscribed_are_refused_not_kept() throws Exception {
    EmitterImpl<String> emitter = new EmitterImpl<>(config(OnOverflow.Strategy.BUFFER, 256), 128);
    Multi<? extends Message<?>> channel = withLogctx(emitter);

    Future<?> early =
        pool()
            .submit(
                () -> {
                  MDC.put("request_id", "req-early");
                  try {
                    emitter.send(Message.of("early"));
                  } finally {
                    MDC.clear();
                  }
                });
    assertThat(catchCause(early))
        .as("nothing kept to be handed on later, from another thread")
        .isInstanceOf(IllegalStateException.class);

    Sink sink = new Sink(pool(), pool(), false);
    channel.subscribe(sink);
    sendFromPooledSenders(n -> emitter.send(Message.of(n)));
    assertEveryLineCarriesItsSendersIds();
    assertThat(log.lines(l -> l.message().contains("early"))).isEmpty();
  }

  /**
   * The documented cost of taking every message at {@code send}: logctx's buffer always asks for
   * more, so an emitter's overflow strategy no longer applies. Without logctx, an emitter with a
   * buffer of 2 refuses a send when the channel is that far behind; with it, every send goes
   * through and waits in memory.
   */
  @Test
  void on_an_emitters_channel_the_emitters_overflow_buffer_no_longer_limits_sends()
      throws Exception {
    EmitterImpl<String> emitter = new EmitterImpl<>(config(OnOverflow.Strategy.BUFFER, 2), 128);
    Sink sink = new Sink(pool(), pool(), true);
    withLogctx(emitter).subscribe(sink);
    sendFromPooledSenders(n -> emitter.send(Message.of(n)));
    sink.release.countDown();
    assertEveryLineCarriesItsSendersIds();

    EmitterImpl<String> bounded = new EmitterImpl<>(config(OnOverflow.Strategy.BUFFER, 2), 128);
    naive(bounded).subscribe(new Sink(pool(), pool(), true));
    Future<?> refused =
        pool()
            .submit(
                () -> {
                  for (int n = 1; n <= 10; n++) {
                    bounded.send(Message.of(Integer.toString(n)));
                  }
                });
    assertThat(catchCause(refused))
        .as("without logctx: the emitter's buffer of 2 is full")
        .isInstanceOf(IllegalStateException.class);
  }

  /**
   * Why no message can be handed on by another sender's thread: SmallRye's emitter holds a lock
   * across the whole hand-over of a message, so a second sender waits while the first sender's
   * message is still being delivered, and then hands its own message on itself. The test fails if
   * SmallRye drops that lock: Mutiny's emitter alone would queue the second message and let the
   * first sender's thread deliver it, where logctx's step would take the first sender's ids.
   */
  @Test
  void a_second_sender_waits_for_the_emitters_lock_and_hands_its_message_on_itself()
      throws Exception {
    EmitterImpl<String> emitter = new EmitterImpl<>(config(OnOverflow.Strategy.BUFFER, 256), 128);
    CountDownLatch firstInside = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    List<String> deliveredOn = new java.util.concurrent.CopyOnWriteArrayList<>();
    ExecutorService consumer = pool();
    withLogctx(emitter)
        .subscribe()
        .with(
            message -> {
              deliveredOn.add(Thread.currentThread().getName());
              consume(consumer, message, () -> {});
              if (deliveredOn.size() == 1) {
                firstInside.countDown();
                await(releaseFirst);
              }
            });
    ExecutorService a = pool();
    ExecutorService b = pool();
    Thread[] threadOfB = new Thread[1];
    onPooledThread(b, null, () -> threadOfB[0] = Thread.currentThread());

    Future<?> sentA = a.submit(() -> sendAs("sender-a", () -> emitter.send(Message.of("1"))));
    assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
    Future<?> sentB = b.submit(() -> sendAs("sender-b", () -> emitter.send(Message.of("2"))));
    ReentrantLock lock = lockOf(emitter);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!lock.hasQueuedThread(threadOfB[0]) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(lock.hasQueuedThread(threadOfB[0]))
        .as("sender-b waits on the emitter's lock while sender-a's message is delivered")
        .isTrue();
    releaseFirst.countDown();
    sentA.get(10, TimeUnit.SECONDS);
    sentB.get(10, TimeUnit.SECONDS);

    List<CapturedLog.Line> lines =
        log.awaitLines(l -> l.message().startsWith(RECEIVED), 2, Duration.ofSeconds(10));
    assertThat(lines)
        .extracting(l -> l.message() + " " + l.requestId())
        .containsExactlyInAnyOrder(RECEIVED + " 1 sender-a", RECEIVED + " 2 sender-b");
    assertThat(deliveredOn.get(1)).isEqualTo(threadOfB[0].getName());
  }

  /**
   * A sender on a Vert.x event loop: SmallRye gives its message a Vert.x context of its own (a new
   * duplicate of the sender's), which is not the current context where the sink later takes the
   * message. Where the MDC is the thread's (no Quarkus), reading "the message's context" there
   * reads the sink thread's MDC.
   */
  @Test
  void a_message_sent_on_a_vertx_context_keeps_its_senders_ids_behind_a_slow_sink()
      throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      EmitterImpl<String> emitter =
          new EmitterImpl<>(config(OnOverflow.Strategy.BUFFER, 256), 128);
      Sink sink = new Sink(pool(), pool(), true);
      withLogctx(emitter).subscribe(sink);
      io.vertx.core.Context eventLoop = vertx.getOrCreateContext();
      List<CompletableFuture<Void>> sent = new ArrayList<>();
      for (int n = 1; n <= 10; n++) {
        String payload = Integer.toString(n);
        CompletableFuture<Void> done = new CompletableFuture<>();
        sent.add(done);
        eventLoop.runOnContext(
            ignored -> {
              sendAs(idOf(payload), () -> emitter.send(Message.of(payload)));
              done.complete(null);
            });
      }
      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      sink.release.countDown();

      List<CapturedLog.Line> lines =
          log.awaitLines(l -> l.message().startsWith(RECEIVED), 10, Duration.ofSeconds(30));
      assertThat(lines)
          .allSatisfy(
              l ->
                  assertThat(l.requestId())
                      .as(l.formatted())
                      .isEqualTo(idOf(l.message().substring(RECEIVED.length() + 1))));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /**
   * A sender with no ids on a Vert.x event loop: nothing to carry. The sink's thread, which holds
   * another request's MDC, must not give the message that one.
   */
  @Test
  void a_message_sent_without_ids_on_a_vertx_context_never_takes_the_sink_threads_ids()
      throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      EmitterImpl<String> emitter =
          new EmitterImpl<>(config(OnOverflow.Strategy.BUFFER, 256), 128);
      Sink sink = new Sink(pool(), pool(), true);
      withLogctx(emitter).subscribe(sink);
      CompletableFuture<Void> sent = new CompletableFuture<>();
      vertx
          .getOrCreateContext()
          .runOnContext(
              ignored -> {
                MDC.clear();
                emitter.send(Message.of("1"));
                emitter.send(Message.of("2"));
                sent.complete(null);
              });
      sent.get(10, TimeUnit.SECONDS);
      sink.release.countDown();

      List<CapturedLog.Line> lines =
          log.awaitLines(l -> l.message().startsWith(RECEIVED), 2, Duration.ofSeconds(30));
      assertThat(lines)
          .allSatisfy(
              l -> {
                assertThat(l.requestId()).as(l.formatted()).isNotNull().isNotEqualTo(FOREIGN);
                assertThat(l.userId()).as(l.formatted()).isNull();
              });
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  // --- the chain and its parts ---

  private static Multi<Message<?>> withLogctx(MessagePublisherProvider<?> emitter) {
    return sinkStep(IncomingRecordContextDecorator.onEmitterChannel(publisherOf(emitter)));
  }

  /** A step that takes the context where the sink takes each message, and nothing at send. */
  private static Multi<Message<?>> naive(MessagePublisherProvider<?> emitter) {
    return sinkStep(publisherOf(emitter));
  }

  @SuppressWarnings("unchecked")
  private static Multi<? extends Message<?>> publisherOf(MessagePublisherProvider<?> emitter) {
    // what SmallRye's wiring decorates: Multi.createFrom().publisher(emitter.getPublisher())
    Flow.Publisher<? extends Message<?>> publisher =
        (Flow.Publisher<? extends Message<?>>) (Flow.Publisher<?>) emitter.getPublisher();
    return Multi.createFrom().publisher(publisher);
  }

  @SuppressWarnings("unchecked")
  private static Multi<Message<?>> sinkStep(Multi<? extends Message<?>> messages) {
    UnaryOperator<Message<?>> headers = OutgoingContextDecorator::withContextHeaders;
    return (Multi<Message<?>>) PerMessage.apply(messages, headers);
  }

  private static EmitterConfiguration config(OnOverflow.Strategy strategy, long size) {
    return new EmitterConfiguration() {
      @Override
      public String name() {
        return "orders";
      }

      @Override
      @SuppressWarnings("NullAway") // not read by the emitters
      public EmitterFactoryFor emitterType() {
        return null;
      }

      @Override
      public OnOverflow.Strategy overflowBufferStrategy() {
        return strategy;
      }

      @Override
      public long overflowBufferSize() {
        return size;
      }

      @Override
      public boolean broadcast() {
        return false;
      }

      @Override
      public int numberOfSubscriberBeforeConnecting() {
        return 0;
      }
    };
  }

  private static ReentrantLock lockOf(AbstractEmitter<?> emitter) throws ReflectiveOperationException {
    Field lock = AbstractEmitter.class.getDeclaredField("lock");
    lock.setAccessible(true);
    return (ReentrantLock) lock.get(emitter);
  }

  /**
   * The connector's sink and a consumer of the topic: asks for one message at a time from its own
   * thread, which holds another request's MDC; beyond the first message only once released when
   * {@code gated}. The consumer logs each record in the context of its headers and acks it.
   */
  private final class Sink implements Flow.Subscriber<Message<?>> {
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger handedOnBySink = new AtomicInteger();
    private final ExecutorService sinkThread;
    private final ExecutorService consumer;
    private final boolean gated;
    private volatile Thread sinksThread = Thread.currentThread();
    private volatile Flow.@org.jspecify.annotations.Nullable Subscription subscription;

    Sink(ExecutorService sinkThread, ExecutorService consumer, boolean gated) throws Exception {
      this.sinkThread = sinkThread;
      this.consumer = consumer;
      this.gated = gated;
      sinkThread
          .submit(
              () -> {
                MDC.put("request_id", FOREIGN); // left there, as another request left it
                sinksThread = Thread.currentThread();
              })
          .get(10, TimeUnit.SECONDS);
      if (!gated) {
        release.countDown();
      }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(1);
    }

    @Override
    public void onNext(Message<?> message) {
      if (Thread.currentThread() == sinksThread) {
        handedOnBySink.incrementAndGet();
      }
      consume(consumer, message, message::ack);
      sinkThread.execute(
          () -> {
            await(release);
            Flow.Subscription s = subscription;
            if (s != null) {
              s.request(1);
            }
          });
    }

    @Override
    public void onError(Throwable failure) {
      LOG.error("sink failed", failure);
    }

    @Override
    public void onComplete() {}
  }

  /** The consumer's side: the record's context from its headers, and the line a user reads. */
  private static void consume(ExecutorService consumer, Message<?> message, Runnable ack) {
    Headers headers =
        message
            .getMetadata(OutgoingKafkaRecordMetadata.class)
            .map(m -> m.getHeaders())
            .orElseGet(RecordHeaders::new);
    consumer.execute(
        RecordContext.of(headers, HeaderNames.defaults())
            .wrap(
                () -> {
                  LOG.info(RECEIVED + " {}", message.getPayload());
                  ack.run();
                }));
  }

  // --- senders ---

  @FunctionalInterface
  private interface Send {
    void send(String payload) throws Exception;
  }

  /** {@value #MESSAGES} messages from {@value #SENDERS} pooled threads, each in its own context. */
  private void sendFromPooledSenders(Send send) throws Exception {
    List<ExecutorService> senders = new ArrayList<>();
    for (int i = 0; i < SENDERS; i++) {
      senders.add(pool());
    }
    List<Future<?>> sent = new ArrayList<>();
    for (int n = 1; n <= MESSAGES; n++) {
      String payload = Integer.toString(n);
      sent.add(
          senders
              .get(n % SENDERS)
              .submit(
                  () ->
                      sendAs(
                          idOf(payload),
                          () -> {
                            try {
                              send.send(payload);
                            } catch (Exception e) {
                              throw new IllegalStateException(e);
                            }
                          })));
    }
    for (Future<?> f : sent) {
      f.get(30, TimeUnit.SECONDS);
    }
  }

  private static String idOf(String payload) {
    return "req-" + payload;
  }

  private static String userOf(String payload) {
    return Integer.parseInt(payload) % 2 == 0 ? "alice" : "bob";
  }

  /** Runs {@code send} with the sender's MDC, and leaves the pooled thread's MDC empty. */
  private static void sendAs(String requestId, Runnable send) {
    MDC.setContextMap(
        requestId.startsWith("req-")
            ? Map.of("request_id", requestId, "user_id", userOf(requestId.substring(4)))
            : Map.of("request_id", requestId));
    try {
      send.run();
    } finally {
      MDC.clear();
    }
  }

  private static <T> T onPooledThread(
      ExecutorService pool, @org.jspecify.annotations.Nullable String requestId,
      java.util.concurrent.Callable<T> task)
      throws Exception {
    return pool.submit(
            () -> {
              if (requestId != null) {
                MDC.put("request_id", requestId);
              }
              try {
                return task.call();
              } finally {
                MDC.clear();
              }
            })
        .get(10, TimeUnit.SECONDS);
  }

  private static void onPooledThread(
      ExecutorService pool, @org.jspecify.annotations.Nullable String requestId, Runnable task)
      throws Exception {
    onPooledThread(
        pool,
        requestId,
        () -> {
          task.run();
          return null;
        });
  }

  private void assertEveryLineCarriesItsSendersIds() throws InterruptedException {
    List<CapturedLog.Line> lines =
        log.awaitLines(l -> l.message().startsWith(RECEIVED), MESSAGES, Duration.ofSeconds(30));
    assertThat(lines).hasSize(MESSAGES);
    assertThat(lines)
        .allSatisfy(
            l -> {
              String payload = l.message().substring(RECEIVED.length() + 1);
              assertThat(l.requestId()).as(l.formatted()).isEqualTo(idOf(payload));
              assertThat(l.userId()).as(l.formatted()).isEqualTo(userOf(payload));
            });
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Throwable catchCause(Future<?> future) throws InterruptedException {
    try {
      future.get(10, TimeUnit.SECONDS);
      return new AssertionError("no failure");
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      return e;
    }
  }
}
