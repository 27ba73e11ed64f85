namespace AiGov.PipelineBench;

/// <summary>A named group of processes: a root PID and all its descendants (PostgreSQL's back ends, RabbitMQ's
/// helpers). Memory is read from <c>/proc</c>: RSS, and PSS, which shares each shared page (PostgreSQL's shared
/// buffers) among the processes mapping it, so a sum over processes counts every page once.</summary>
public sealed record ProcessGroup(string Name, int RootPid);

/// <param name="CpuSeconds">User + system CPU time of the group's live processes, plus what their exited children
/// used (cutime/cstime: PostgreSQL's ended back ends are counted by the postmaster that reaped them).</param>
public sealed record GroupMemory(string Name, int Processes, double RssMb, double PssMb, double PeakRssMb, double CpuSeconds);

public static class ProcessMemory
{
    /// <summary>Parses <c>name=pid,name=pid</c>; a PID that does not exist is an error.</summary>
    public static List<ProcessGroup> Parse(string? spec)
    {
        var groups = new List<ProcessGroup>();
        foreach (var part in (spec ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split('=', 2);
            if (pieces.Length != 2 || !int.TryParse(pieces[1], out var pid))
            {
                throw new ArgumentException($"--pids: '{part}' is not name=pid (e.g. --pids storage=1234,postgres=99)");
            }
            groups.Add(new ProcessGroup(pieces[0], pid));
        }
        return groups;
    }

    public static List<GroupMemory> Sample(IReadOnlyList<ProcessGroup> groups)
    {
        var (children, cpuSeconds) = ScanProcesses();
        var result = new List<GroupMemory>(groups.Count);
        foreach (var group in groups)
        {
            double rss = 0, pss = 0, peak = 0, cpu = 0;
            var count = 0;
            foreach (var pid in Tree(group.RootPid, children))
            {
                var status = Fields($"/proc/{pid}/status");
                if (status is null)
                {
                    continue;
                }
                count++;
                rss += status.GetValueOrDefault("VmRSS");
                peak += status.GetValueOrDefault("VmHWM");
                pss += Fields($"/proc/{pid}/smaps_rollup")?.GetValueOrDefault("Pss") ?? status.GetValueOrDefault("VmRSS");
                cpu += cpuSeconds.GetValueOrDefault(pid);
            }
            result.Add(new GroupMemory(group.Name, count, rss / 1024, pss / 1024, peak / 1024, cpu));
        }
        return result;
    }

    private static IEnumerable<int> Tree(int root, Dictionary<int, List<int>> children)
    {
        var stack = new Stack<int>();
        stack.Push(root);
        while (stack.TryPop(out var pid))
        {
            yield return pid;
            if (children.TryGetValue(pid, out var list))
            {
                foreach (var child in list)
                {
                    stack.Push(child);
                }
            }
        }
    }

    // USER_HZ: /proc reports CPU times in 1/100 s on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>One pass over every /proc/PID/stat: each process's children, and its utime + stime + cutime + cstime
    /// (fields 14–17) in seconds.</summary>
    private static (Dictionary<int, List<int>> Children, Dictionary<int, double> CpuSeconds) ScanProcesses()
    {
        var children = new Dictionary<int, List<int>>();
        var cpu = new Dictionary<int, double>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses; the last ')' ends it. Field 3
            // (state) is rest[0], so field n is rest[n - 3].
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (rest.Length > 1 && int.TryParse(rest[1], out var parent))
            {
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }
                list.Add(pid);
            }
            double ticks = 0;
            for (var field = 14; field <= 17 && field - 3 < rest.Length; field++)
            {
                ticks += long.TryParse(rest[field - 3], out var value) ? value : 0;
            }
            cpu[pid] = ticks / TicksPerSecond;
        }
        return (children, cpu);
    }

    /// <summary>"Key:   123 kB" lines as kB values; null when the process is gone.</summary>
    private static Dictionary<string, double>? Fields(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var fields = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':');
            if (colon <= 0 || !line.EndsWith(" kB", StringComparison.Ordinal))
            {
                continue;
            }
            if (double.TryParse(line[(colon + 1)..^3].Trim(), System.Globalization.CultureInfo.InvariantCulture, out var kb))
            {
                fields[line[..colon]] = kb;
            }
        }
        return fields;
    }
}
