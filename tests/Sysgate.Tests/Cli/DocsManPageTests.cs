using Sysgate.Cli;
using Sysgate.Cli.Docs;
using Sysgate.Tests.EndToEnd;

namespace Sysgate.Tests.Cli;

/// <summary>docs/sysgate.1 is generated from the command tree, current, complete, and renders.</summary>
public class DocsManPageTests
{
    private const string Regenerate = "docs/sysgate.1 is stale: run scripts/regenerate-docs and commit the result";

    private static string Generated => ManPageWriter.Write(CommandModel.From(CommandTree.Build()));

    [Fact]
    public void Committed_man_page_equals_a_fresh_generation()
    {
        var committed = File.ReadAllText(RepoPaths.Of("docs/sysgate.1"));
        Assert.True(committed == Generated, Regenerate);
    }

    [Fact]
    public void Man_page_names_every_subcommand_and_option()
    {
        var page = Generated;
        foreach (var command in CommandModel.From(CommandTree.Build()).SelfAndDescendants())
        {
            if (command.Path.Count > 1) Assert.Contains($".SS \"{Roff.Escape(command.FullName)}\"", page);
            foreach (var option in command.Options)
                foreach (var name in option.Names)
                    Assert.Contains(Roff.Bold(name), page);
            foreach (var argument in command.Arguments)
                Assert.Contains(Roff.Italic(argument.Name), page);
        }
    }

    [Fact]
    public void Man_page_generator_covers_nested_commands_values_and_hides_hidden_ones()
    {
        var page = ManPageWriter.Write(CommandModel.From(DocsFixture.Build()));
        Assert.Contains(".SS \"sysgate exec\"", page);
        Assert.Contains(".SS \"sysgate net list\"", page);
        Assert.Contains("\\fB\\-\\-fd\\fR \\fICHILD=PARENT\\fR", page);
        Assert.Contains("May be given more than once.", page);
        Assert.Contains("\\fBfast\\fR, \\fBsafe\\fR", page);
        Assert.Contains("[\\-\\-] \\fIPROGRAM\\fR\\&...", page);
        Assert.DoesNotContain("secret", page);
        foreach (var section in new[] { "NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "EXAMPLES", "EXIT STATUS", "SEE ALSO" })
            Assert.Contains($".SH {section}\n", page);
        Assert.Contains(".BR strace (1),", page);
        Assert.Contains(".BR seccomp (2),", page);
    }

    [Fact]
    public void Multi_line_descriptions_keep_indented_blocks_verbatim()
    {
        var page = ManPageWriter.Write(CommandModel.From(DocsFixture.Build()));
        Assert.Contains("Run a program with designated fds.\nEverything else is closed.\n.PP\n\\-\\-fd forms:\n.RS 2\n.nf\n", page);
        Assert.Contains("CHILD=PARENT        a copy of our fd     \\-\\-fd 3=1\n\\&.hidden=x", page);
        Assert.Contains("a line starting with a dot\n.fi\n.RE\n", page);
        // Completion menus show the first line only.
        Assert.Contains("'exec:Run a program with designated fds.'", Sysgate.Cli.Commands.CompletionsCommand.Generate("zsh", DocsFixture.Build()));
    }

    [Fact]
    public void Roff_escapes_hyphens_backslashes_and_leading_dots()
    {
        Assert.Equal("\\-\\-fd", Roff.Escape("--fd"));
        Assert.Equal("a\\eb", Roff.Escape("a\\b"));
        Assert.Equal("\\&.hidden", Roff.Escape(".hidden"));
    }

    [Fact]
    public void Man_page_renders_without_warnings()
    {
        var page = RepoPaths.Of("docs/sysgate.1");
        if (DocsShell.Find("groff") is { } groff)
        {
            // -ww: all warnings; -z: no output. Any stderr means a roff mistake in the generator.
            var (code, _, stderr) = DocsShell.Run(groff, ["-man", "-Tutf8", "-ww", "-z", page]);
            Assert.True(code == 0 && stderr.Length == 0, $"groff complains about docs/sysgate.1: {stderr}");
        }
        if (DocsShell.Find("man") is { } man)
        {
            var (code, stdout, stderr) = DocsShell.Run(man, ["-l", page],
                env: new Dictionary<string, string> { ["MANPAGER"] = "cat", ["MANWIDTH"] = "80" });
            Assert.True(code == 0, $"man -l docs/sysgate.1 failed: {stderr}");
            stdout = System.Text.RegularExpressions.Regex.Replace(stdout, ".\b", ""); // overstrike bold
            Assert.Contains("SYSGATE(1)", stdout);
            Assert.Contains("EXIT STATUS", stdout);
        }
        // Neither installed: nothing to render with (scripts/test-all installs groff and man-db as root).
    }
}
