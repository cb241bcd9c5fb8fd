using System.Diagnostics;

namespace Sysgate.Tests.EndToEnd;

/// <summary>The program gets sysgate's environment byte for byte, as env(1) or strace would pass it.</summary>
[Trait("Category", SysgateRunner.Category)]
public class EnvironmentEndToEndTests
{
    // A shell puts bytes that are not UTF-8 into SG_RAW (.NET strings cannot carry them), then starts sysgate,
    // which starts a shell that prints SG_RAW in hex. Read through .NET's environment the value would arrive as
    // two U+FFFD (ef bf bd ef bf bd).
    [Theory]
    [InlineData("exec")]
    [InlineData("trace", "-o", "/dev/null")]
    public void A_value_that_is_not_utf8_arrives_unchanged(params string[] subcommand)
    {
        var psi = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("""SG_RAW="$(printf 'a\377\376z')" exec "$@" """);
        psi.ArgumentList.Add("sh");
        foreach (var part in SysgateRunner.Command) psi.ArgumentList.Add(part);
        foreach (var part in subcommand) psi.ArgumentList.Add(part);
        foreach (var part in new[] { "--", "/bin/sh", "-c", """printf %s "$SG_RAW" | od -An -tx1""" }) psi.ArgumentList.Add(part);
        using var p = Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd(), stderr = p.StandardError.ReadToEnd();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(1)));
        Assert.True(p.ExitCode == 0, stderr);
        Assert.Equal("61 ff fe 7a", stdout.Trim());
    }
}
