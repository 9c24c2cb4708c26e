using Chitin.Tools.Tests.Support;

namespace Chitin.Tools.Tests.Search;

/// <summary>A small repository-like tree with a root and a nested .gitignore, shared by the glob and grep tests.</summary>
internal static class SearchTree
{
    public static void Create(TempWorkspace workspace)
    {
        workspace.Write(".gitignore", "*.log\nbuild/\n!important.log\n");
        workspace.Write("README.md", "# Project\nTODO: write docs\n");
        workspace.Write("app.log", "TODO in an ignored log\n");
        workspace.Write("important.log", "TODO kept by negation\n");
        workspace.Write("build/out.cs", "// TODO generated output\n");
        workspace.Write("src/.gitignore", "generated/\n*.g.cs\n!keep.g.cs\n");
        workspace.Write("src/a.cs", "class A\n{\n    // TODO: first\n}\n");
        workspace.Write("src/b.cs", "class B { }\n");
        workspace.Write("src/sub/c.cs", "class C\n{\n    // todo: lower case\n}\n");
        workspace.Write("src/generated/x.cs", "// TODO ignored by the nested file\n");
        workspace.Write("src/y.g.cs", "// TODO ignored generated file\n");
        workspace.Write("src/keep.g.cs", "// TODO re-included generated file\n");
        workspace.Write("src/debug.log", "TODO ignored by the root rule\n");
        workspace.Write(".git/config", "[core]\n");
        workspace.Write(".git/hooks.cs", "// TODO inside .git\n");
        workspace.WriteBytes("src/blob.bin", [(byte)'T', (byte)'O', (byte)'D', (byte)'O', 0, 0, 1, 2, 3]);
    }

    /// <summary>Gives files distinct modification times: later in the list means newer.</summary>
    public static void Age(TempWorkspace workspace, params string[] oldestFirst)
    {
        var time = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var relative in oldestFirst)
        {
            File.SetLastWriteTimeUtc(workspace.PathOf(relative), time);
            time = time.AddHours(1);
        }
    }
}
