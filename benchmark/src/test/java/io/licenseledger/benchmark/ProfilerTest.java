package io.licenseledger.benchmark;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProfilerTest {

    @Test
    void readsTheCommittedMemoryOfEachAreaFromANativeMemorySummary() {
        String summary = """
                Native Memory Tracking:

                Total: reserved=1771322KB, committed=466418KB
                -                 Java Heap (reserved=327680KB, committed=327680KB)
                                            (mmap: reserved=327680KB, committed=327680KB)

                -                     Class (reserved=1052233KB, committed=77641KB)
                                            (classes #13066)
                -                    Thread (reserved=63590KB, committed=6466KB)
                """;

        assertThat(Profiler.nativeMemory(summary))
                .containsEntry("Total", 455.486328125)
                .containsEntry("Java Heap", 320.0)
                .containsEntry("Class", 75.8)
                .containsEntry("Thread", 6.3);
    }
}
