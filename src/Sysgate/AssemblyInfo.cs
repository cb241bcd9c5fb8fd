// Sysgate library root. Folders are namespaces, one concern each:
//   Syscalls/  the syscall table (generated from data/) and argument kinds
//   Decoding/  strace-style rendering of calls and results
//   Spawn/     safe exec with designated file descriptors
//   Interception/ seccomp user-notification and ptrace backends
