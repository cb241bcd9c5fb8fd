using System.Text;
using Sysgate.Decoding;
using static Sysgate.Tests.Decoding.DecodeAssert;

namespace Sysgate.Tests.Decoding;

public class ProcessDecoderTests
{
    private readonly FakeMemory _mem = new();

    [Fact]
    public void Execve_argv_and_env_count()
    {
        ulong argv = _mem.Pointers(_mem.String("/bin/true"), _mem.String("a b"), 0);
        ulong a = _mem.String("A=1"), b = _mem.String("B=2");
        ulong envp = _mem.PutAt(0x7ffdcac6f800, [.. BitConverter.GetBytes(a), .. BitConverter.GetBytes(b), .. new byte[8]]);
        Line("execve(\"/bin/true\", [\"/bin/true\", \"a b\"], 0x7ffdcac6f800 /* 2 vars */) = 0",
            _mem, "execve", 0, _mem.String("/bin/true"), argv, envp);
    }

    [Fact]
    public void Execve_arrays_are_read_in_blocks_across_pages_and_up_to_an_unreadable_page()
    {
        // argv's NULL is the last word before an unreadable page; envp (70 entries, more than one block)
        // crosses into the next page. Reads stop at page ends, so neither runs into a fault.
        const ulong page = 0x7ffd_1000_0000;
        ulong one = _mem.String("one"), two = _mem.String("two");
        ulong argv = _mem.PutAt(page - 24, [.. BitConverter.GetBytes(one), .. BitConverter.GetBytes(two), .. new byte[8]]);
        var env = Enumerable.Repeat(_mem.String("V=1"), 70).Append(0UL).SelectMany(BitConverter.GetBytes).ToArray();
        ulong envp = _mem.PutAt(page + 0x1000 - 40, env);
        Line($"execve(\"/bin/true\", [\"one\", \"two\"], 0x{envp:x} /* 70 vars */) = 0",
            _mem, "execve", 0, _mem.String("/bin/true"), argv, envp);
    }

    [Fact]
    public void Execve_failure_and_long_argument()
    {
        ulong argv = _mem.Pointers(_mem.String("x"), _mem.String(new string('z', 40)), 0);
        Line("execve(\"/nope\", [\"x\", \"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\"...], NULL) = -1 ENOENT (No such file or directory)",
            _mem, "execve", -2, _mem.String("/nope"), argv, 0);
    }

    [Fact]
    public void Clone_like_fork_on_x86_64()
    {
        Line("clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7ff9a3029a10) = 8077",
            _mem, "clone", 8077, 0x1200011, 0, 0, 0x7ff9a3029a10, 0);
    }

    [Fact]
    public void Clone_thread_on_aarch64_takes_tls_before_child_tid()
    {
        var sb = new StringBuilder();
        const ulong flags = 0x3d0f00; // VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID
        SyscallFormatter.Format(sb, Call("clone"), [flags, 0x7f0000ff0, 0x7f00001000, 0x7f00002000, 0x7f00003000], 42, _mem, A64);
        Assert.Equal("clone(child_stack=0x7f0000ff0, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, parent_tid=0x7f00001000, child_tidptr=0x7f00003000, tls=0x7f00002000) = 42",
            sb.ToString());
    }

    [Fact]
    public void Wait4_statuses()
    {
        Line("wait4(8077, [{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL) = 8077", _mem, "wait4", 8077, 8077, _mem.Int(3 << 8), 0, 0);
        Line("wait4(-1, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}], WNOHANG|__WALL, NULL) = 12", _mem, "wait4", 12, Neg(-1), _mem.Int(9), 0x40000001, 0);
        Line("wait4(-1, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV && WCOREDUMP(s)}], 0, NULL) = 12", _mem, "wait4", 12, Neg(-1), _mem.Int(0x8b), 0, 0);
        Line("wait4(-1, [{WIFSTOPPED(s) && WSTOPSIG(s) == SIGSTOP}], WUNTRACED, NULL) = 12", _mem, "wait4", 12, Neg(-1), _mem.Int(0x137f), 2, 0);
        Line("wait4(-1, 0x7ffd00001000, 0, NULL) = -1 ECHILD (No child processes)", _mem, "wait4", -10, Neg(-1), 0x7ffd00001000, 0, 0);
    }

    [Fact]
    public void Exit_group_never_returns_and_pure_calls()
    {
        Line("exit_group(0) = ?", _mem, "exit_group", 0, 0);
        Line("getpid() = 8076", _mem, "getpid", 8076);
        Line("gettid() = 8076", _mem, "gettid", 8076);
    }

    [Fact]
    public void Prlimit64_values()
    {
        ulong lim = _mem.Pointers(8192 * 1024, ulong.MaxValue);
        Line("prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0",
            _mem, "prlimit64", 0, 0, 3, 0, lim);
    }

    [Fact]
    public void Kernel_internal_restart_codes_print_a_question_mark()
    {
        Line("pause() = ? ERESTARTNOHAND (To be restarted if no handler)", _mem, "pause", -514);
    }

    [Fact]
    public void Clone3_for_a_thread_with_parent_tid_at_exit()
    {
        ulong tidSlot = _mem.PutAt(0x7f70ceb3f990, BitConverter.GetBytes(2981));
        ulong args = _mem.Pointers(0x3d0f00, 0, tidSlot, tidSlot, 0, 0x7f70ce33f000, 0x7fff80, 0x7f70ceb3f6c0, 0, 0, 0);
        Line("clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f70ceb3f990, parent_tid=0x7f70ceb3f990, exit_signal=0, stack=0x7f70ce33f000, stack_size=0x7fff80, tls=0x7f70ceb3f6c0} => {parent_tid=[2981]}, 88) = 2981",
            _mem, "clone3", 2981, args, 88);
        var sb = new StringBuilder();
        SyscallFormatter.FormatEntering(sb, Call("clone3"), [args, 88], _mem, X86);
        Assert.EndsWith("tls=0x7f70ceb3f6c0}", sb.ToString());
    }

    [Fact]
    public void Sigaltstack_query()
    {
        Line("sigaltstack(NULL, {ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0}) = 0", _mem, "sigaltstack", 0, 0, _mem.Pointers(0, 2, 0));
    }
}
