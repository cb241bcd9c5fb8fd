namespace Sysgate.Spawn;

/// <summary>Optional debug output of the spawn layer (e.g. "close_range refused, using the /proc fallback").</summary>
public static class SpawnLog
{
    /// <summary>Receives debug lines; null (default) drops them.</summary>
    public static Action<string>? Debug { get; set; }

    internal static void Write(string line) => Debug?.Invoke(line);
}
