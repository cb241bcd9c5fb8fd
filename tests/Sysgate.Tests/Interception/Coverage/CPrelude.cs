using Sysgate.Tests.Support;

namespace Sysgate.Tests.Interception.Coverage;

/// <summary>
/// The C prelude every scenario program starts with. A marker call is <c>getppid(MAGIC, tag)</c> made with a raw
/// <c>syscall</c> instruction (no libc, no errno: usable in vfork children and raw clone threads): getppid ignores
/// its arguments, so the tag identifies the call to either backend from registers alone, and getppid never fails
/// by itself, so a negative result proves the backend's injected error reached the program.
/// </summary>
internal static class CPrelude
{
    public const ulong Magic = 0x5EC0DE;
    public const int EACCES = 13;

    public const string Source = """
        #define _GNU_SOURCE
        #include <errno.h>
        #include <fcntl.h>
        #include <pthread.h>
        #include <sched.h>
        #include <signal.h>
        #include <spawn.h>
        #include <stdarg.h>
        #include <stdint.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <sys/mman.h>
        #include <sys/prctl.h>
        #include <sys/syscall.h>
        #include <sys/wait.h>
        #include <unistd.h>

        #define MAGIC 0x5EC0DEL

        static inline long rsys(long n, long a, long b, long c) {
            long ret;
            register long r10 __asm__("r10") = 0;
            __asm__ volatile("syscall" : "=a"(ret) : "0"(n), "D"(a), "S"(b), "d"(c), "r"(r10) : "rcx", "r11", "memory");
            return ret;
        }
        /* The marker call: returns the parent pid, or -errno as injected by the backend. */
        static inline long marker(long tag) { return rsys(SYS_getppid, MAGIC, tag, 0); }
        static inline long rgettid(void) { return rsys(SYS_gettid, 0, 0, 0); }

        /* "key value\n" to stdout in one write (safe after fork, no stdio buffer). */
        static void say(const char *key, long value) {
            char buf[128];
            int n = snprintf(buf, sizeof buf, "%s %ld\n", key, value);
            if (write(1, buf, n) != n) _exit(90);
        }
        static void sayi(const char *key, int index, long value) {
            char k[64];
            snprintf(k, sizeof k, "%s%d", key, index);
            say(k, value);
        }
        static void die(const char *what) { perror(what); _exit(99); }
        /* stdin reaches EOF once the backend's start has returned (see CoverageRun.Run) */
        static void wait_started(void) { char b[64]; while (read(0, b, sizeof b) > 0) {} }

        """;

    /// <summary>Compiles <paramref name="body"/> (after the prelude) once per test run.</summary>
    public static string Build(string name, string body) => CProgram.Get("cov-" + name, Source + body);

    /// <summary>A temp file with known content, deleted on dispose: an identifiable path for openat markers.</summary>
    public sealed class MarkerFile : IDisposable
    {
        public MarkerFile(string content = "marker\n")
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sysgate-marker-{Guid.NewGuid():N}");
            File.WriteAllText(Path, content);
        }
        public string Path { get; }
        public void Dispose() => File.Delete(Path);
    }
}
