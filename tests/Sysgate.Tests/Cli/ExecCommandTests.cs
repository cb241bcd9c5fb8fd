using System.Text.RegularExpressions;

namespace Sysgate.Tests.Cli;

/// <summary><c>sysgate exec</c> run as a real process from bash.</summary>
public class ExecCommandTests
{
    /// <summary>fd number -&gt; target, from <c>ls -l /proc/self/fd</c> output.</summary>
    private static Dictionary<int, string> ParseLs(string output) =>
        Regex.Matches(output, @" (\d+) -> (.*)$", RegexOptions.Multiline)
            .ToDictionary(m => int.Parse(m.Groups[1].Value), m => m.Groups[2].Value);

    [Fact]
    public void Designated_fd_replaces_the_shells_open_fds()
    {
        var r = ExecCli.Bash("exec 4</etc/hostname 5</etc/passwd; $SYSGATE exec --fd 3=5 -- ls -l /proc/self/fd");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var fds = ParseLs(r.Stdout);
        Assert.Equal("/etc/passwd", fds[3]);
        // ls opens the directory it lists as its lowest free fd (4): the only extra entry allowed.
        Assert.Equal([0, 1, 2, 3, 4], fds.Keys.Order());
        Assert.Matches(@"^/proc/\d+/fd$", fds[4]);
        Assert.DoesNotContain("/etc/hostname", r.Stdout);
    }

    [Fact]
    public void Stdio_closed_for_sysgate_stays_closed_for_the_child()
    {
        var r = ExecCli.Bash("$SYSGATE exec -- ls -l /proc/self/fd <&-");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var fds = ParseLs(r.Stdout);
        Assert.Equal([0, 1, 2], fds.Keys.Order());
        Assert.Matches(@"^/proc/\d+/fd$", fds[0]);  // ls's own directory fd took the free number 0
    }

    [Fact]
    public void Exit_status_is_the_childs()
    {
        Assert.Equal(3, ExecCli.Bash("$SYSGATE exec -- sh -c 'exit 3'").ExitCode);
        Assert.Equal(137, ExecCli.Bash("$SYSGATE exec -- sh -c 'kill -9 $$'").ExitCode);
    }

    [Fact]
    public void Bad_input_prints_one_line_and_runs_nothing()
    {
        string marker = Path.Combine(Path.GetTempPath(), $"sysgate-exec-{Guid.NewGuid():N}");
        foreach (var (args, code) in new[] { ("--fd 3=99", 2), ("--fd x=1", 2), ("--fd 3=1 --fd 3=2", 2), ("--fd 3=/nonexistent/f", 2), ("--strict --inherit-all", 2) })
        {
            var r = ExecCli.Bash($"exec 99<&-; $SYSGATE exec {args} -- touch {marker}");
            Assert.Equal(code, r.ExitCode);
            Assert.StartsWith("sysgate exec: ", r.Stderr);
            Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
            Assert.False(File.Exists(marker), $"{args} ran the program");
        }
        Assert.Equal(127, ExecCli.Bash("$SYSGATE exec -- sysgate-no-such-program").ExitCode);
        Assert.Equal(126, ExecCli.Bash("$SYSGATE exec -- /etc/passwd").ExitCode);
    }

    [Fact]
    public void Path_entries_env_and_cwd()
    {
        string dir = Directory.CreateTempSubdirectory("sysgate-exec-").FullName;
        try
        {
            var r = ExecCli.Bash($"cd {dir} && $SYSGATE exec --fd 1=log:a --fd 2=log:a --fd 0=- -- sh -c 'echo out; echo err >&2; cat || echo no-stdin >&2'");
            Assert.Equal(0, r.ExitCode);
            Assert.Equal("out\nerr\nno-stdin\n", Regex.Replace(File.ReadAllText(Path.Combine(dir, "log")), "^cat:.*\n", "", RegexOptions.Multiline));

            r = ExecCli.Bash($"$SYSGATE exec --clear-env --env A=b --cwd {dir} -- /bin/sh -c 'echo \"$A $(pwd)\"; env | wc -l'");
            Assert.Equal(0, r.ExitCode);
            Assert.StartsWith($"b {dir}\n", r.Stdout);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Strict_names_the_leaky_fd_and_inherit_all_passes_it()
    {
        var strict = ExecCli.Bash("exec 7</etc/hostname; $SYSGATE exec --strict -- true");
        Assert.Equal(2, strict.ExitCode);
        Assert.Contains("fd 7 -> /etc/hostname", strict.Stderr);

        var all = ExecCli.Bash("exec 7</etc/hostname; $SYSGATE exec --inherit-all -- ls -l /proc/self/fd");
        Assert.Equal("/etc/hostname", ParseLs(all.Stdout)[7]);
    }

    [Fact]
    public void Help_shows_examples()
    {
        var r = ExecCli.Bash("$SYSGATE exec --help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Examples:", r.Stdout);
        Assert.Contains("--fd 3=1 -- ls -l /proc/self/fd", r.Stdout);
    }
}
