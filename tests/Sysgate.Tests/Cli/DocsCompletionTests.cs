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
