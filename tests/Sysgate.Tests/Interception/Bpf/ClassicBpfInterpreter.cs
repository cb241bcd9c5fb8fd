using System.Buffers.Binary;
using Sysgate.Native.Seccomp;

namespace Sysgate.Tests.Interception.Bpf;

/// <summary>
/// A small classic-BPF interpreter with the kernel's seccomp semantics (32-bit A/X, 16 scratch words, loads
/// only from seccomp_data, forward jumps only). Checks what the kernel's verifier checks, so a program that
/// runs here also loads in the kernel.
/// </summary>
internal static class ClassicBpfInterpreter
{
    public static uint Run(SockFilter[] program, int nr, uint arch, ulong ip = 0, params ulong[] args)
    {
        Span<byte> data = stackalloc byte[SeccompData.Size];
        BinaryPrimitives.WriteInt32LittleEndian(data, nr);
        BinaryPrimitives.WriteUInt32LittleEndian(data[4..], arch);
        BinaryPrimitives.WriteUInt64LittleEndian(data[8..], ip);
        for (int i = 0; i < args.Length; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(data[(16 + 8 * i)..], args[i]);
        return Run(program, data);
    }

    public static uint Run(SockFilter[] program, ReadOnlySpan<byte> data)
    {
        if (program.Length is 0 or > BpfOp.MaxInstructions)
            throw new InvalidOperationException($"bad program length {program.Length}");
        uint a = 0, x = 0;
        Span<uint> mem = stackalloc uint[16];
        for (int pc = 0; ; pc++)
        {
            if (pc >= program.Length)
                throw new InvalidOperationException("fell off the end of the program");
            var ins = program[pc];
            ushort cls = (ushort)(ins.Code & 0x07);
            switch (cls)
            {
                case BpfOp.LD:
                    a = (ins.Code & 0xe0) switch
                    {
                        BpfOp.ABS when (ins.Code & 0x18) == BpfOp.W => LoadWord(data, ins.K),
                        BpfOp.IMM => ins.K,
                        BpfOp.MEM => mem[(int)ins.K],
                        BpfOp.LEN => (uint)data.Length,
                        _ => throw new InvalidOperationException($"unsupported load {ins}"),
                    };
                    break;
                case BpfOp.LDX:
                    x = (ins.Code & 0xe0) switch
                    {
                        BpfOp.IMM => ins.K,
                        BpfOp.MEM => mem[(int)ins.K],
                        BpfOp.LEN => (uint)data.Length,
                        _ => throw new InvalidOperationException($"unsupported ldx {ins}"),
                    };
                    break;
                case BpfOp.ST: mem[(int)ins.K] = a; break;
                case BpfOp.STX: mem[(int)ins.K] = x; break;
                case BpfOp.ALU:
                    {
                        uint src = (ins.Code & BpfOp.X) != 0 ? x : ins.K;
                        a = (ins.Code & 0xf0) switch
                        {
                            BpfOp.ADD => a + src, BpfOp.SUB => a - src, BpfOp.MUL => a * src,
                            BpfOp.DIV => src == 0 ? 0 : a / src, BpfOp.MOD => src == 0 ? 0 : a % src,
                            BpfOp.OR => a | src, BpfOp.AND => a & src, BpfOp.XOR => a ^ src,
                            BpfOp.LSH => a << (int)src, BpfOp.RSH => a >> (int)src, BpfOp.NEG => (uint)-(int)a,
                            _ => throw new InvalidOperationException($"unsupported alu {ins}"),
                        };
                        break;
                    }
                case BpfOp.JMP:
                    {
                        ushort op = (ushort)(ins.Code & 0xf0);
                        if (op == BpfOp.JA)
                        {
                            pc += (int)ins.K;
                            break;
                        }
                        uint src = (ins.Code & BpfOp.X) != 0 ? x : ins.K;
                        bool taken = op switch
                        {
                            BpfOp.JEQ => a == src, BpfOp.JGT => a > src, BpfOp.JGE => a >= src,
                            BpfOp.JSET => (a & src) != 0,
                            _ => throw new InvalidOperationException($"unsupported jump {ins}"),
                        };
                        pc += taken ? ins.Jt : ins.Jf;
                        break;
                    }
                case BpfOp.RET:
                    return (ins.Code & 0x18) == BpfOp.A ? a : ins.K;
                case BpfOp.MISC:
                    if ((ins.Code & 0xf8) == BpfOp.TXA) a = x; else x = a;
                    break;
            }
        }
    }

    private static uint LoadWord(ReadOnlySpan<byte> data, uint offset)
    {
        // The kernel's seccomp checker only allows aligned 32-bit loads inside seccomp_data.
        if (offset % 4 != 0 || offset + 4 > data.Length)
            throw new InvalidOperationException($"invalid seccomp_data load at {offset}");
        return BinaryPrimitives.ReadUInt32LittleEndian(data[(int)offset..]);
    }
}
