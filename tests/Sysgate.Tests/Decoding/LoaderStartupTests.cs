using static Sysgate.Tests.Decoding.DecodeAssert;

namespace Sysgate.Tests.Decoding;

/// <summary>The dynamic loader's start-up calls exactly as `strace /bin/true` printed them on this machine.</summary>
public class LoaderStartupTests
{
    private readonly FakeMemory _mem = new();

    [Fact]
    public void Elf_header_read_uses_short_octal_escapes()
    {
        var elf = new byte[832];
        byte[] head = [0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, (byte)'>', 0, 1, 0, 0, 0, 0x10, (byte)'t', 2, 0, 0, 0, 0, 0];
        head.CopyTo(elf, 0);
        Line("read(3, \"\\177ELF\\2\\1\\1\\3\\0\\0\\0\\0\\0\\0\\0\\0\\3\\0>\\0\\1\\0\\0\\0\\20t\\2\\0\\0\\0\\0\\0\"..., 832) = 832",
            _mem, "read", 832, 3, _mem.Put(elf), 832);
        var ph = new byte[784];
        ph[0] = 6; ph[4] = 4; ph[8] = 0x40; ph[16] = 0x40; ph[24] = 0x40;
        Line("pread64(3, \"\\6\\0\\0\\0\\4\\0\\0\\0@\\0\\0\\0\\0\\0\\0\\0@\\0\\0\\0\\0\\0\\0\\0@\\0\\0\\0\\0\\0\\0\\0\"..., 784, 64) = 784",
            _mem, "pread64", 784, 3, _mem.Put(ph), 784, 64);
    }

    [Fact]
    public void Loader_calls()
    {
        Line("brk(NULL) = 0x558615025000", _mem, "brk", 0x558615025000, 0);
        Line("access(\"/etc/ld.so.preload\", R_OK) = -1 ENOENT (No such file or directory)", _mem, "access", -2, _mem.String("/etc/ld.so.preload"), 4);
        Line("mmap(NULL, 36295, PROT_READ, MAP_PRIVATE, 3, 0) = 0x7fd6558d5000", _mem, "mmap", 0x7fd6558d5000, 0, 36295, 1, 2, 3, 0);
        Line("mmap(NULL, 1974096, PROT_READ, MAP_PRIVATE|MAP_DENYWRITE, 3, 0) = 0x7fd6556f3000", _mem, "mmap", 0x7fd6556f3000, 0, 1974096, 1, 0x802, 3, 0);
        Line("mmap(0x7fd6558c8000, 53072, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_FIXED|MAP_ANONYMOUS, -1, 0) = 0x7fd6558c8000",
            _mem, "mmap", 0x7fd6558c8000, 0x7fd6558c8000, 53072, 3, 0x32, Neg(-1), 0);
        Line("arch_prctl(ARCH_SET_FS, 0x7fd6556f0740) = 0", _mem, "arch_prctl", 0, 0x1002, 0x7fd6556f0740);
        Line("set_tid_address(0x7fd6556f0a10) = 5723", _mem, "set_tid_address", 5723, 0x7fd6556f0a10);
        Line("set_robust_list(0x7fd6556f0a20, 24) = 0", _mem, "set_robust_list", 0, 0x7fd6556f0a20, 24);
        Line("rseq(0x7fd6556f1060, 0x20, 0, 0x53053053) = 0", _mem, "rseq", 0, 0x7fd6556f1060, 0x20, 0, 0x53053053);
        Line("mprotect(0x7fd6558c2000, 16384, PROT_READ) = 0", _mem, "mprotect", 0, 0x7fd6558c2000, 16384, 1);
        Line("munmap(0x7fd6558d5000, 36295) = 0", _mem, "munmap", 0, 0x7fd6558d5000, 36295);
        Line("mremap(0x7fd6558d5000, 4096, 8192, MREMAP_MAYMOVE) = 0x7fd6558e0000", _mem, "mremap", 0x7fd6558e0000, 0x7fd6558d5000, 4096, 8192, 1, 0);
    }
}
