using Sysgate.Native.Interop;
using Sysgate.Spawn;
using static Sysgate.Tests.Spawn.ChildFdProbe;

namespace Sysgate.Tests.Spawn;

/// <summary>Leaks that happen while spawning: other threads opening inheritable fds, other spawns.</summary>
[Collection(InheritableFdsCollection.Name)]
public class ConcurrencyTests
{
    [Fact]
    public async Task Fds_opened_without_cloexec_by_another_thread_during_spawns_never_reach_children()
    {
        using var stop = new CancellationTokenSource();
        // The classic race: open() then fcntl(FD_CLOEXEC) on one thread while another forks/execs.
        var leaker = new Thread(() =>
        {
            var held = new Queue<int>();
            while (!stop.IsCancellationRequested)
            {
                held.Enqueue(Libc.Dup(2));
                if (held.Count > 50) Libc.Close(held.Dequeue());
            }
            while (held.Count > 0) Libc.Close(held.Dequeue());
        });
        leaker.Start();
        try
        {
            var spawners = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            {
                for (int i = 0; i < 10; i++)
                    Assert.Equal([0, 1, 2, 5], Fds(FdMap.Stdio().Map(5, 1)).Keys.Order());
            })).ToArray();
            await Task.WhenAll(spawners);
        }
        finally
        {
            stop.Cancel();
            leaker.Join();
        }
    }

    [Fact]
    public async Task WaitForExitAsync_can_be_cancelled_without_touching_the_child()
    {
        using var child = SafeProcess.Start(Sleeper(FdMap.Stdio()));
        using var cts = new CancellationTokenSource();
        var wait = child.WaitForExitAsync(cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        Assert.False(child.HasExited);
        child.Kill();
        Assert.Equal(9, (await child.WaitForExitAsync()).TermSignal);
    }
}
