package org.multiprocessing4j.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessPool;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.WorkerDiedException;

/**
 * A pool on a cluster of three member JVMs: its workers run on every member, and a member killed
 * with SIGKILL in the middle of a call fails the call naming the member, or, if the pool retries,
 * the call completes on the members left. The tests kill members, so they run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterPoolIT {

    private static MemberJvms members;
    private static ProcessContext cluster;

    @BeforeAll
    static void startMembers() {
        members = new MemberJvms(3);
        cluster = members.client();
    }

    @AfterAll
    static void stopMembers() {
        members.close();
    }

    @Test
    @Order(1)
    void aMapOverThreeMembersRunsTasksOnEachOfThem() {
        try (ProcessPool pool = cluster.pool(3)) {
            List<Long> ranBy = pool.map(i -> ProcessHandle.current().parent().orElseThrow().pid(),
                    IntStream.range(0, 60).boxed().toList(), 1);
            assertThat(new HashSet<>(ranBy)).isEqualTo(memberPids());
        }
    }

    @Test
    @Order(2)
    void aMemberKilledDuringAMapFailsTheCallWithinFiveSecondsNamingTheMember() throws Exception {
        ProcessPool pool = cluster.pool(3);
        try {
            ProcessQueue<Long> running = cluster.queue();
            CompletableFuture<List<Integer>> call = pool.mapAsync(i -> {
                running.put(ProcessHandle.current().pid());
                Thread.sleep(600_000);
                return i;
            }, List.of(1, 2, 3), 1);
            long worker = running.poll(60, TimeUnit.SECONDS);
            int killed = memberOf(worker);
            members.members().get(killed).destroyForcibly();

            String port = members.addresses().get(killed).substring("127.0.0.1:".length());
            assertThatThrownBy(() -> call.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(WorkerDiedException.class).hasMessageContaining(":" + port);
        } finally {
            // the other tasks sleep: they are killed
            pool.terminate();
        }
    }

    @Test
    @Order(3)
    void aPoolThatRetriesCompletesAMapOnTheMembersLeftWhenOneIsKilled() throws Exception {
        try (ProcessPool pool = ProcessPool.builder().context(cluster).processes(2).retries(1).build()) {
            ProcessQueue<Long> running = cluster.queue();
            CompletableFuture<List<Integer>> call = pool.mapAsync(i -> {
                running.put(ProcessHandle.current().pid());
                Thread.sleep(200);
                return i * i;
            }, IntStream.range(0, 20).boxed().toList(), 1);
            long worker = running.poll(60, TimeUnit.SECONDS);
            members.members().get(memberOf(worker)).destroyForcibly();

            assertThat(call.get(60, TimeUnit.SECONDS)).isEqualTo(IntStream.range(0, 20).map(i -> i * i).boxed().toList());
            // a pool on the last member goes on
            assertThat(pool.map(i -> i + 1, List.of(1, 2, 3))).containsExactly(2, 3, 4);
        }
    }

    private static Set<Long> memberPids() {
        return members.members().stream().map(Process::pid).collect(Collectors.toSet());
    }

    /** The index among the members of the one that runs the process {@code pid}. */
    private static int memberOf(long pid) {
        long parent = ProcessHandle.of(pid).flatMap(ProcessHandle::parent).orElseThrow().pid();
        for (int i = 0; i < members.members().size(); i++) {
            if (members.members().get(i).pid() == parent) {
                return i;
            }
        }
        throw new AssertionError("the process " + pid + " runs on no member: its parent is " + parent);
    }
}
