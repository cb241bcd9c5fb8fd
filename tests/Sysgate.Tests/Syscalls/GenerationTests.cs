using Sysgate.Generators;

namespace Sysgate.Tests.Syscalls;

/// <summary>The checked-in *.g.cs must be exactly what the generator makes from data/syscalls: no drift.</summary>
public class GenerationTests
{
    [Fact]
    public void Checked_in_generated_files_match_the_data()
    {
        string root = RepoRoot.Find(AppContext.BaseDirectory);
        foreach (var (path, text) in TableGenerator.Generate(root))
        {
            string full = Path.Combine(root, path);
            Assert.True(File.Exists(full), $"{path} is missing: run `dotnet run --project src/Sysgate.Generators`");
            Assert.True(File.ReadAllText(full) == text,
                $"{path} differs from data/syscalls: run `dotnet run --project src/Sysgate.Generators` and commit the result");
        }
    }

    [Fact]
    public void Flag_sets_resolve_by_name()
    {
        Assert.True(Sysgate.Syscalls.FlagSets.TryGet("open", out var open));
        Assert.True(open.TryGetValue("O_CLOEXEC", Sysgate.Native.Arch.X86_64, out ulong v));
        Assert.Equal(0x80000UL, v);
        Assert.True(open.TryGetValue("O_DIRECTORY", Sysgate.Native.Arch.Aarch64, out v));
        Assert.Equal(0x4000UL, v);
    }
}
