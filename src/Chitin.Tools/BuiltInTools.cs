using Chitin.Core.Tools;
using Chitin.Tools.Files;
using Chitin.Tools.Shell;

namespace Chitin.Tools;

/// <summary>The default tool set: read_file, write_file, list_dir and run_shell.</summary>
public static class BuiltInTools
{
    public static IReadOnlyList<ITool> CreateDefault(BuiltInToolOptions? options = null)
    {
        var validated = (options ?? new BuiltInToolOptions()).Validated();
        return
        [
            new ListDirTool(validated),
            new ReadFileTool(validated),
            new RunShellTool(validated),
            new WriteFileTool(validated),
        ];
    }
}
