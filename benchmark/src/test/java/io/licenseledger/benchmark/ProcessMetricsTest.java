package io.licenseledger.benchmark;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessMetricsTest {

    @Test
    void readsPeakAndCurrentResidentMemoryFromProcStatus() {
        List<String> status = List.of("Name:\tjava", "VmHWM:\t  524288 kB", "VmRSS:\t  262144 kB");

        assertThat(ProcessMetrics.kilobytes(status, "VmHWM:")).isEqualTo(524_288);
        assertThat(ProcessMetrics.kilobytes(status, "VmRSS:")).isEqualTo(262_144);
    }

    @Test
    void countsIdleAndIoWaitAsNotBusy() {
        ProcessMetrics.MachineTicks ticks = ProcessMetrics.MachineTicks.parse("cpu  100 5 50 800 40 1 4 0 0 0");

        assertThat(ticks.total()).isEqualTo(1000);
        assertThat(ticks.busy()).isEqualTo(160);
    }

    @Test
    void measuresThisProcessOwnMemory() {
        ProcessMetrics.Memory memory = ProcessMetrics.memory(ProcessHandle.current().pid());

        assertThat(memory.peakMb()).isGreaterThanOrEqualTo(memory.currentMb()).isPositive();
    }
}
