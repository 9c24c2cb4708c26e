namespace Chitin.Agents.Orchestration;

/// <summary>The first and only message a child starts from (its brief.md): the task, its role and the named files — never the parent's transcript.</summary>
public static class Brief
{
    public static string For(AgentNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var folders = node.Tree.Folders;
        var folder = folders.Display(folders.AgentFolder(node.Id));
        var text = new StringBuilder();
        text.Append("# Brief for agent ").Append(node.Id).Append("\n\n## Task\n\n").Append(node.Spawn.Task.Trim()).Append('\n');
        if (node.Role is { } role)
        {
            text.Append("\n## Role: ").Append(role.Name).Append("\n\n").Append(role.Description).Append('\n');
            if (role.Instructions.Length > 0)
            {
                text.Append('\n').Append(role.Instructions).Append('\n');
            }
        }

        if (node.Spawn.Files.Count > 0)
        {
            text.Append("\n## Files\n\n");
            foreach (var file in node.Spawn.Files)
            {
                text.Append("- ").Append(file).Append('\n');
            }
        }

        text.Append("\n## Where to write\n\nYour folder is ").Append(folder)
            .Append("/. Put any files you produce in ").Append(folder).Append("/out/")
            .Append(node.Spawn.Files.Count > 0 ? "; you may also write the files listed above" : "")
            .Append(". Your final answer is saved as result.md and your parent reads a short summary of it, so end with a concise answer.\n");
        return text.ToString();
    }
}
