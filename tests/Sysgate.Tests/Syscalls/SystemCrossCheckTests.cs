using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Sysgate.Native;
using Sysgate.Syscalls;

namespace Sysgate.Tests.Syscalls;

/// <summary>The checked-in data against what this machine knows: kernel uapi headers and glibc's strerror.</summary>
public partial class SystemCrossCheckTests
{
    private const string X86Header = "/usr/include/x86_64-linux-gnu/asm/unistd_64.h";
    private const string GenericHeader = "/usr/include/asm-generic/unistd.h";

    [Fact]
    public void X86_64_numbers_match_the_installed_uapi_header()
    {
        if (!File.Exists(X86Header)) return; // linux-libc-dev not installed: nothing to compare with
        int checkedCount = 0;
        foreach (Match m in Define().Matches(File.ReadAllText(X86Header)))
        {
            string name = m.Groups[1].Value;
            int nr = int.Parse(m.Groups[2].Value);
            Assert.True(SyscallTable.TryGetByName(name, out var info), $"{name} ({nr}) from {X86Header} is missing from data/syscalls/syscalls.tsv");
            Assert.Equal(nr, info.NumberX86_64);
            checkedCount++;
        }
        Assert.True(checkedCount > 300);
    }

    [Fact]
    public void Aarch64_numbers_match_the_installed_generic_header()
    {
        if (!File.Exists(GenericHeader)) return;
        int checkedCount = 0;
        foreach (Match m in Define().Matches(File.ReadAllText(GenericHeader)))
        {
            string name = m.Groups[1].Value;
            if (name is "arch_specific_syscall" or "syscalls" || !SyscallTable.TryGetByName(name, out var info)) continue;
            // Entries under #ifdef for other architectures (sync_file_range2...) are not in the table at all.
            Assert.Equal(int.Parse(m.Groups[2].Value), info.NumberAarch64);
            checkedCount++;
        }
        Assert.True(checkedCount > 250);
    }

    [Fact]
    public void Errno_messages_match_glibc_strerror()
    {
        for (int e = 1; e <= 133; e++)
        {
            if (ErrnoNames.Message(e) is not { } message) continue;
            Assert.Equal(Marshal.GetPInvokeErrorMessage(e), message);
        }
    }

    [Fact]
    public void Host_arch_has_a_number_for_the_basics()
    {
        foreach (var name in new[] { "read", "write", "openat", "close", "execve", "exit_group", "clone3", "pidfd_open" })
        {
            Assert.True(SyscallTable.TryGetByName(name, out var info));
            Assert.True(info.NumberOn(HostArch.Current) >= 0, name);
        }
    }

    [GeneratedRegex(@"^#define __NR_(\w+)\s+(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Define();
}
