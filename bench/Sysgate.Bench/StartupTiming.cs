using System.Diagnostics;

namespace Sysgate.Bench;

/// <summary>Wall-clock timing of whole process runs, interleaved in pairs so drift hits both sides alike.</summary>
internal static class StartupTiming
{
    /// <summary>Runs <paramref name="argv"/> to completion with output discarded; returns the wall time in ms.</summary>
    public static double RunOnce(IReadOnlyList<string> argv)
    {
        var psi = new ProcessStartInfo(argv[0])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,   // read and dropped so the child never blocks on a pipe
            RedirectStandardError = true,
        };
        foreach (var a in argv.Skip(1)) psi.ArgumentList.Add(a);
        var watch = Stopwatch.StartNew();
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {argv[0]}");
        p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        watch.Stop();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"'{string.Join(' ', argv)}' exited {p.ExitCode}: the comparison would be meaningless. Its stderr: {stderr}");
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>
    /// Alternates candidate and baseline <paramref name="runs"/> times (the order flips every pair) after a
    /// warm-up, and returns both sample sets.
    /// </summary>
    public static (double[] Candidate, double[] Baseline) Paired(IReadOnlyList<string> candidate, IReadOnlyList<string> baseline, int runs)
    {
        for (int i = 0; i < 5; i++) { RunOnce(candidate); RunOnce(baseline); }
        var c = new double[runs];
        var b = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            if (i % 2 == 0) { c[i] = RunOnce(candidate); b[i] = RunOnce(baseline); }
            else { b[i] = RunOnce(baseline); c[i] = RunOnce(candidate); }
        }
        return (c, b);
    }

    /// <summary>The median of <paramref name="samples"/>.</summary>
    public static double Median(double[] samples) => Percentile(samples, 0.5);

    /// <summary>The <paramref name="q"/>-quantile (nearest rank) of <paramref name="samples"/>.</summary>
    public static double Percentile(double[] samples, double q)
    {
        var sorted = samples.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
