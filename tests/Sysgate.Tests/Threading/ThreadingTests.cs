using Sysgate.Interception.Notify;
using Sysgate.Threading;

namespace Sysgate.Tests.Threading;

/// <summary>The CPU-affinity helpers and native threads the ptrace tracer runs on, against the real kernel.</summary>
public class ThreadingTests
{
    [Fact]
    public void Processor_is_field_39_of_stat_even_when_the_name_has_spaces_and_parentheses()
    {
        // Fields 3.. after "(comm)"; the processor is field 39. The name may hold ") " itself.
        string tail = string.Join(' ', Enumerable.Range(3, 36).Select(i => i == 3 ? "S" : i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var line = System.Text.Encoding.ASCII.GetBytes($"1234 (a) b (c) {tail} 7 0 0 0\n");
        Assert.Equal(7, ProcStatus.ParseProcessor(line));
        Assert.Equal(-1, ProcStatus.ParseProcessor("1234 (short) S 1 2\n"u8));
        Assert.Equal(-1, ProcStatus.ParseProcessor("no parenthesis"u8));
    }

    [Fact]
    public void Processor_of_a_live_thread_is_a_cpu_it_may_run_on()
    {
        int cpu = ProcStatus.ReadProcessor(Environment.ProcessId);
        Assert.InRange(cpu, 0, Environment.ProcessorCount * 64);
        Assert.Equal(-1, ProcStatus.ReadProcessor(int.MaxValue));
    }

    [Fact]
    public void Masks_count_and_contain_cpus()
    {
        ulong[] mask = [0b1011, 1UL << 63];
        Assert.Equal(4, CpuAffinity.Count(mask));
        Assert.True(CpuAffinity.Contains(mask, 0));
        Assert.False(CpuAffinity.Contains(mask, 2));
        Assert.True(CpuAffinity.Contains(mask, 127));
        Assert.False(CpuAffinity.Contains(mask, 128));
        Assert.False(CpuAffinity.Contains(mask, -1));
    }

    [Fact]
    public void A_native_thread_runs_its_body_with_its_own_affinity_and_joins()
    {
        // The body narrows its own mask to one CPU; the caller's mask must not change (affinity is per thread).
        var before = CpuAffinity.Current();
        int first = Enumerable.Range(0, before.Length * 64).First(c => CpuAffinity.Contains(before, c));
        int ranOn = -2, name = 0;
        nint thread = NativeThread.Start("sysgate-test", () =>
        {
            if (CpuAffinity.TrySet(0, [first]))
                ranOn = Sysgate.Native.Interop.Libc.SchedGetcpu();
            name = File.ReadAllText($"/proc/self/task/{Sysgate.Native.Interop.Sys.Gettid()}/comm") == "sysgate-test\n" ? 1 : -1;
        });
        NativeThread.Join(thread);
        Assert.Equal(first, ranOn);
        Assert.Equal(1, name);
        Assert.Equal(before, CpuAffinity.Current());
    }

    [Fact]
    public void A_native_thread_can_start_on_chosen_cpus()
    {
        var mine = CpuAffinity.Current();
        int last = Enumerable.Range(0, mine.Length * 64).Last(c => CpuAffinity.Contains(mine, c));
        var only = new ulong[mine.Length];
        only[last / 64] = 1UL << (last % 64);
        ulong[]? seen = null;
        nint thread = NativeThread.Start("sysgate-test", () => seen = CpuAffinity.Current(), only);
        NativeThread.Join(thread);
        Assert.Equal(only, seen);
        Assert.Equal(mine, CpuAffinity.Current());
    }
}
