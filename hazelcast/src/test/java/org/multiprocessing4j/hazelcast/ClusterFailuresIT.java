package org.multiprocessing4j.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessQueue;

/**
 * What happens to a cluster's children when a process dies: a parent killed with SIGKILL takes its
 * children on the members with it, and a member killed ends the children it ran with exit code -9
 * in their parent. The last test kills a member, so the tests run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterFailuresIT {

    private static MemberJvms members;
    private static ProcessContext cluster;

    @BeforeAll
    static void startMembers() {
        members = new MemberJvms(2);
        cluster = members.client();
    }

    @AfterAll
    static void stopMembers() {
        members.close();
    }

    @Test
    @Order(1)
    void childrenOfAParentKilledWithSigkillAreGoneFromTheMembers() throws Exception {
        ProcessContext mp = cluster;
        ProcessQueue<Long> pids = mp.queue();
        // the parent is a JVM of its own: a local child of this test that joins the cluster as a client
        ChildProcess parent = ProcessContext.local().process(() -> {
            for (int i = 0; i < 2; i++) {
                mp.process(() -> {
                    pids.put(ProcessHandle.current().pid());
                    Thread.sleep(600_000);
                }).start();
            }
            Thread.sleep(600_000);
        });
        parent.start();
        long first = pids.poll(60, TimeUnit.SECONDS);
        long second = pids.poll(60, TimeUnit.SECONDS);
        assertThat(running(first)).isTrue();
        assertThat(running(second)).isTrue();

        parent.kill();
        parent.join();

        await().atMost(Duration.ofSeconds(5)).until(() -> !running(first) && !running(second));
    }

    @Test
    @Order(2)
    void aChildWhoseMemberIsKilledEndsWithMinusNineAndDiesWithTheMember() throws Exception {
        ProcessContext mp = cluster;
        ProcessQueue<Long> pids = mp.queue();
        ChildProcess child = mp.process(() -> {
            pids.put(ProcessHandle.current().pid());
            Thread.sleep(600_000);
        });
        child.start();
        long pid = pids.poll(60, TimeUnit.SECONDS);
        long memberPid = ProcessHandle.of(pid).flatMap(ProcessHandle::parent).orElseThrow().pid();
        Process member = members.members().stream().filter(p -> p.pid() == memberPid).findFirst().orElseThrow();

        member.destroyForcibly();

        assertThat(child.join(Duration.ofSeconds(5))).as("joined within 5 s of its member's death").isTrue();
        assertThat(child.exitCode()).isEqualTo(-9);
        await().atMost(Duration.ofSeconds(5)).until(() -> !running(pid));
        // the cluster goes on with the other member
        ChildProcess next = mp.process(() -> { });
        next.start();
        assertThat(next.join(Duration.ofSeconds(60))).isTrue();
        assertThat(next.exitCode()).isZero();
    }

    private static boolean running(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return process.isPresent() && process.get().isAlive();
    }

}
