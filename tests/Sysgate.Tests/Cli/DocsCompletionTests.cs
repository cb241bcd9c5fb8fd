using Sysgate.Cli;
using Sysgate.Cli.Commands;
using Sysgate.Tests.EndToEnd;

namespace Sysgate.Tests.Cli;

/// <summary>Completion scripts: committed copies are current, bash completes for real, zsh/fish parse.</summary>
public class DocsCompletionTests
{
    private static readonly string Real = CompletionsCommand.Generate("bash", CommandTree.Build());
    private static readonly string Fixture = CompletionsCommand.Generate("bash", DocsFixture.Build());

    [Theory]
    [InlineData("bash", "completions/sysgate.bash")]
    [InlineData("zsh", "completions/_sysgate")]
    [InlineData("fish", "completions/sysgate.fish")]
    public void Committed_script_equals_a_fresh_generation(string shell, string committed)
    {
        var text = File.ReadAllText(RepoPaths.Of(committed));
        Assert.True(text == CompletionsCommand.Generate(shell, CommandTree.Build()),
            $"{committed} is stale: run scripts/regenerate-docs and commit the result");
    }

    [Fact]
    public void Bash_offers_every_real_subcommand_from_its_prefix_and_all_its_long_options()
    {
        var tree = CommandTree.Build();
        foreach (var sub in tree.Subcommands.Where(c => !c.Hidden))
        {
            Assert.Contains(sub.Name, DocsShell.BashComplete(Real, RepoPaths.Root, "sysgate", sub.Name[..1]));
            var offered = DocsShell.BashComplete(Real, RepoPaths.Root, "sysgate", sub.Name, "--");
            foreach (var option in sub.Options.Where(o => !o.Hidden).Concat(tree.Options.Where(o => o.Recursive)))
                Assert.Contains(option.Name, offered);
        }
        Assert.DoesNotContain("generate-man", DocsShell.BashComplete(Real, RepoPaths.Root, "sysgate", "g"));
    }

    [Fact]
    public void Bash_completes_exec_from_e_once_it_exists()
    {
        if (!CommandTree.Build().Subcommands.Any(c => c.Name == "exec")) return; // exec not merged yet
        Assert.Equal(["exec"], DocsShell.BashComplete(Real, RepoPaths.Root, "sysgate", "e"));
        Assert.Contains("--fd", DocsShell.BashComplete(Real, RepoPaths.Root, "sysgate", "exec", "--f"));
    }

    [Fact]
    public void Bash_completes_shells_for_completions()
    {
        Assert.Equal(["bash", "zsh", "fish"], DocsShell.BashComplete(Real, RepoPaths.Root, "sysgate", "completions", ""));
    }

    [Fact]
    public void Bash_walks_nested_commands_skips_option_values_and_hides_hidden_ones()
    {
        Assert.Equal(["exec"], DocsShell.BashComplete(Fixture, RepoPaths.Root, "sysgate", "e"));
        Assert.Equal(["list"], DocsShell.BashComplete(Fixture, RepoPaths.Root, "sysgate", "net", ""));
        Assert.Empty(DocsShell.BashComplete(Fixture, RepoPaths.Root, "sysgate", "se"));
        var options = DocsShell.BashComplete(Fixture, RepoPaths.Root, "sysgate", "exec", "--fd", "3=1", "-");
        Assert.Contains("--strict", options);
        Assert.Contains("--cwd", options);
        Assert.Contains("-s", options);
        Assert.DoesNotContain("--version", options); // not recursive: root only
        Assert.Equal(["fast", "safe"], DocsShell.BashComplete(Fixture, RepoPaths.Root, "sysgate", "exec", "--mode", ""));
    }

    [Fact]
    public void Bash_completes_directories_programs_and_files_where_they_belong()
    {
        var dir = Directory.CreateTempSubdirectory("sysgate-completion-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "subdir"));
            File.WriteAllText(Path.Combine(dir.FullName, "somefile"), "");
            // --cwd takes a directory: the file is not offered.
            Assert.Equal(["subdir"], DocsShell.BashComplete(Fixture, dir.FullName, "sysgate", "exec", "--cwd", "s"));
            // After "--": first a program from PATH, then files.
            Assert.Contains("bash", DocsShell.BashComplete(Fixture, dir.FullName, "sysgate", "exec", "--", "bas"));
            var args = DocsShell.BashComplete(Fixture, dir.FullName, "sysgate", "exec", "--", "ls", "so");
            Assert.Equal(["somefile"], args);
            // "--cwd=s" arrives split at '=' (COMP_WORDBREAKS): still the directory value of --cwd.
            Assert.Equal(["subdir"], DocsShell.BashComplete(Fixture, dir.FullName, "sysgate", "exec", "--cwd", "=", "s"));
            // "--fd 3=1" split at '=' is one value: the next word is still the program.
            Assert.Contains("bash", DocsShell.BashComplete(Fixture, dir.FullName, "sysgate", "exec", "--fd", "3", "=", "1", "bas"));
            // Without "--", the PROGRAM argument still completes programs.
            Assert.Contains("bash", DocsShell.BashComplete(Fixture, dir.FullName, "sysgate", "exec", "bas"));
        }
        finally { dir.Delete(recursive: true); }
    }

    [Theory]
    [InlineData("zsh", "-n")]
    [InlineData("fish", "--no-execute")]
    [InlineData("bash", "-n")]
    public void Scripts_parse_in_their_shell(string shell, string checkFlag)
    {
        if (DocsShell.Find(shell) is not { } path) return; // shell not installed (scripts/test-all installs it as root)
        foreach (var tree in new[] { CommandTree.Build(), DocsFixture.Build() })
        {
            var file = Path.Combine(Path.GetTempPath(), $"sysgate-{Guid.NewGuid():N}.{shell}");
            File.WriteAllText(file, CompletionsCommand.Generate(shell, tree));
            try
            {
                var (code, _, stderr) = DocsShell.Run(path, [checkFlag, file]);
                Assert.True(code == 0, $"{shell} rejects the generated script: {stderr}");
            }
            finally { File.Delete(file); }
        }
    }

    [Fact]
    public void Zsh_dispatches_to_the_subcommand_function_with_its_option_specs()
    {
        if (DocsShell.Find("zsh") is not { } zsh) return;
        var script = Path.Combine(Path.GetTempPath(), $"sysgate-{Guid.NewGuid():N}.zsh");
        var harness = script + ".test";
        File.WriteAllText(script, CompletionsCommand.Generate("zsh", DocsFixture.Build()));
        // _arguments/_describe stubbed to print what they are given: checks the generated dispatch and specs
        // without an interactive completion system. Like the real '*::' spec, the stub drops the command
        // word and reports state "argument" while words remain, "command" at the last one.
        File.WriteAllText(harness, """
            compdef() { :; }
            source "$1"
            _arguments() {
                print -r -- "ARGUMENTS $*"
                if (( $#words > 1 )); then shift words; state=argument; else state=command; fi
                return 0
            }
            _describe() { print -r -- "DESCRIBE ${(P)4}"; }
            words=(${=2})
            _sysgate
            """);
        try
        {
            var top = DocsShell.Run(zsh, ["-f", harness, script, "sysgate"]);
            Assert.True(top.ExitCode == 0, top.Stderr);
            Assert.Contains("DESCRIBE exec:Run a program with designated fds. net:Network things. completions:", top.Stdout);
            Assert.DoesNotContain("secret", top.Stdout);

            var exec = DocsShell.Run(zsh, ["-f", harness, script, "sysgate exec"]);
            Assert.True(exec.ExitCode == 0, exec.Stderr);
            Assert.Contains("*--fd[Map a child fd.]:CHILD=PARENT: ", exec.Stdout);
            Assert.Contains("--cwd[Working directory \\[of the child\\].]:DIR:_files -/", exec.Stdout);
            Assert.Contains("--mode[How\\: fast or safe.]:MODE:(fast safe)", exec.Stdout);
            Assert.Contains("*::PROGRAM:_normal", exec.Stdout);

            var nested = DocsShell.Run(zsh, ["-f", harness, script, "sysgate net"]);
            Assert.True(nested.ExitCode == 0, nested.Stderr);
            Assert.Contains("DESCRIBE list:List things.", nested.Stdout);
        }
        finally { File.Delete(script); File.Delete(harness); }
    }

    [Fact]
    public void Fish_completes_subcommands_and_options_for_real()
    {
        if (DocsShell.Find("fish") is not { } fish) return;
        var file = Path.Combine(Path.GetTempPath(), $"sysgate-{Guid.NewGuid():N}.fish");
        File.WriteAllText(file, CompletionsCommand.Generate("fish", DocsFixture.Build()));
        try
        {
            string Complete(string line) =>
                DocsShell.Run(fish, ["--no-config", "-c", $"source {file}; complete -C '{line}'"]).Stdout;
            Assert.Contains("exec\t", Complete("sysgate e"));
            Assert.Contains("--strict\t", Complete("sysgate exec --st"));
            Assert.Contains("list\t", Complete("sysgate net "));
            Assert.DoesNotContain("secret", Complete("sysgate s"));
        }
        finally { File.Delete(file); }
    }
}
