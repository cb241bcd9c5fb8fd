using Sysgate.Generators;

// Usage: Sysgate.Generators [repo-root]   (default: search upwards for Sysgate.sln)
string root = args.Length > 0 ? args[0] : RepoRoot.Find(AppContext.BaseDirectory);
foreach (var (path, text) in TableGenerator.Generate(root))
{
    string full = Path.Combine(root, path);
    string? old = File.Exists(full) ? File.ReadAllText(full) : null;
    if (old == text) continue;
    File.WriteAllText(full, text);
    Console.WriteLine($"wrote {path}");
}
