namespace Sysgate.Generators;

/// <summary>Finds the repository root (the directory holding Sysgate.sln).</summary>
internal static class RepoRoot
{
    public static string Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sysgate.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No Sysgate.sln above {start}; pass the repository root as the first argument.");
    }
}
