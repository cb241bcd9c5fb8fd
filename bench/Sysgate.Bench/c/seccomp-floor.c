/* The floor for an UNTRACED call under any seccomp filter: installs the smallest filter that checks the
   architecture and allows everything, then execs the workload. Whatever a filter does, the kernel's seccomp
   entry path costs at least this much per call.
   Build: cc -O2 -o seccomp-floor seccomp-floor.c ; Run: ./seccomp-floor ./getppid-loop 100000 */
#define _GNU_SOURCE
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifdef __aarch64__
#define HOST_AUDIT_ARCH AUDIT_ARCH_AARCH64
#else
#define HOST_AUDIT_ARCH AUDIT_ARCH_X86_64
#endif

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s PROGRAM [ARGS]\n", argv[0]); return 2; }
    struct sock_filter f[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, HOST_AUDIT_ARCH, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = { sizeof f / sizeof f[0], f };
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog)) {
        perror("seccomp");
        return 1;
    }
    execv(argv[1], argv + 1);
    perror("execv");
    return 127;
}
