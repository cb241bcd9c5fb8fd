namespace Sysgate.Tests.EndToEnd;

/// <summary>Locates files of the source tree from the test's output directory.</summary>
public static class RepoPaths
{
    /// <summary>The directory holding Sysgate.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>An absolute path for a path relative to the repository root.</summary>
    public static string Of(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sysgate.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Sysgate.sln above {AppContext.BaseDirectory}: run the tests from the source tree");
    }
}
