using Sysgate.Cli;
using Sysgate.Cli.Docs;

namespace Sysgate.Tests.EndToEnd;

/// <summary>The shipped command's surface (version, help, completions), run as a real process.</summary>
[Trait("Category", SysgateRunner.Category)]
public class CliEndToEndTests
{
    [Fact]
    public void Version_prints_name_and_version()
    {
        var r = SysgateRunner.Run("--version");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal($"sysgate {ProductVersion.Text}", r.Stdout.Trim());
        Assert.DoesNotContain("+", r.Stdout);
    }

    [Fact]
    public void Help_lists_every_visible_subcommand()
    {
        var r = SysgateRunner.Run("--help");
        Assert.Equal(0, r.ExitCode);
        foreach (var sub in CommandTree.Build().Subcommands.Where(c => !c.Hidden))
            Assert.Contains(sub.Name, r.Stdout);
    }

    [Theory]
    [InlineData("bash", "completions/sysgate.bash")]
    [InlineData("zsh", "completions/_sysgate")]
    [InlineData("fish", "completions/sysgate.fish")]
    public void Completions_print_the_committed_script(string shell, string committed)
    {
        var r = SysgateRunner.Run("completions", shell);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(File.ReadAllText(RepoPaths.Of(committed)), r.Stdout);
    }

    [Fact]
    public void Completions_reject_an_unknown_shell()
    {
        var r = SysgateRunner.Run("completions", "tcsh");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("tcsh", r.Stderr);
    }

    [Fact]
    public void Unknown_option_is_a_usage_error()
    {
        var r = SysgateRunner.Run("--no-such-option");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("--no-such-option", r.Stderr);
    }

    [Fact]
    public void Generated_man_page_matches_the_committed_one()
    {
        var r = SysgateRunner.Run("generate-man");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(File.ReadAllText(RepoPaths.Of("docs/sysgate.1")), r.Stdout);
    }
}
