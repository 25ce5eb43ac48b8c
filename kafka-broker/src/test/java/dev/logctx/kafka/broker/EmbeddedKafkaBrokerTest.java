package dev.logctx.kafka.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerTest {

  @Test
  void a_started_broker_carries_a_record_and_close_stops_its_threads_and_deletes_its_directory()
      throws Exception {
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    Path directory;
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
    try {
      System.out.println("embedded broker started in " + broker.startTime().toMillis() + " ms");
      directory = broker.directory();
      assertThat(directory).isDirectory();
      assertThat(broker.bootstrapServers()).matches("localhost:\\d+");

      String value = roundTrip(broker.bootstrapServers(), "broker-test");
      assertThat(value).isEqualTo("hello");
    } finally {
      broker.close();
    }
    broker.close(); // idempotent

    assertThat(Files.exists(directory)).as("log directory after close").isFalse();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    List<String> left = startedSince(before);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      for (Thread thread : Thread.getAllStackTraces().keySet()) {
        if (!before.contains(thread)) {
          thread.join(100);
        }
      }
      left = startedSince(before);
    }
    assertThat(left).as("threads started by the broker and its clients, alive after close").isEmpty();
  }

  @Test
  void main_runs_the_broker_as_a_child_process_until_its_standard_input_ends() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                EmbeddedKafkaBroker.class.getName())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      CompletableFuture<String> ready =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  String line;
                  while ((line = out.readLine()) != null) {
                    if (line.startsWith(EmbeddedKafkaBroker.READY_PREFIX)) {
                      return line.substring(EmbeddedKafkaBroker.READY_PREFIX.length());
                    }
                  }
                  throw new IllegalStateException("the child ended without being ready");
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      String servers = ready.get(90, TimeUnit.SECONDS);
      try (Admin admin =
          Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
        assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
      }

      child.getOutputStream().close(); // the parent lets go: the child stops its broker and exits
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child exited").isTrue();
      assertThat(child.exitValue()).isZero();
    } finally {
      child.destroyForcibly();
    }
  }

  private static List<String> startedSince(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> !before.contains(thread) && thread.isAlive())
        .filter(thread -> !thread.getName().startsWith("ForkJoinPool.commonPool"))
        // the JVM-wide Yammer metrics registry's daemon tickers: one pair per JVM, never stopped
        .filter(thread -> !(thread.isDaemon() && thread.getName().startsWith("metrics-meter-tick")))
        .map(Thread::getName)
        .sorted()
        .collect(Collectors.toList());
  }

  private static String roundTrip(String servers, String topic) {
    Map<String, Object> producerConfig =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
      producer.send(new ProducerRecord<>(topic, "k", "hello")).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    Map<String, Object> consumerConfig =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
            ConsumerConfig.GROUP_ID_CONFIG, "broker-test",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          return record.value();
        }
      }
    }
    throw new AssertionError("no record within 60 s");
  }
}
