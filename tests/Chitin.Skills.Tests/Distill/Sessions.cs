using Chitin.Testing.Scripting;

namespace Chitin.Skills.Tests.Distill;

/// <summary>Agent scripts for the sessions distillation learns from, using the real built-in tools.</summary>
public static class Sessions
{
    public const string CsvTask = "Create sales.csv with two rows of sales and tell me how many rows it has and the total.";

    /// <summary>Writes a CSV, reads it back, lists the folder, then answers: three successful tool calls.</summary>
    public static Func<ScriptRequest, ScriptStep> CsvReport(string file) => request => request.ToolResultCount switch
    {
        0 => ScriptStep.ToolCalls("I'll create the file first.", new ScriptToolCall("write_file", $$"""{"path":"{{file}}","content":"region,amount\nnorth,120\nsouth,80\n"}""")),
        1 => ScriptStep.ToolCalls(new ScriptToolCall("read_file", $$"""{"path":"{{file}}"}""")),
        2 => ScriptStep.ToolCalls(new ScriptToolCall("list_dir", """{"path":"."}""")),
        _ => ScriptStep.Text($"{file} has 2 data rows; the amounts total 200."),
    };

    /// <summary>Reads a file that is not there and answers anyway: the last read_file failed.</summary>
    public static Func<ScriptRequest, ScriptStep> UnresolvedError() => request => request.ToolResultCount switch
    {
        0 => ScriptStep.ToolCalls(new ScriptToolCall("read_file", """{"path":"missing.csv"}""")),
        _ => ScriptStep.Text("I could not read missing.csv."),
    };

    /// <summary>A failed read, then the file is written and read successfully: the error was resolved.</summary>
    public static Func<ScriptRequest, ScriptStep> ResolvedError() => request => request.ToolResultCount switch
    {
        0 => ScriptStep.ToolCalls(new ScriptToolCall("read_file", """{"path":"later.csv"}""")),
        1 => ScriptStep.ToolCalls(new ScriptToolCall("write_file", """{"path":"later.csv","content":"a,b\n1,2\n"}""")),
        2 => ScriptStep.ToolCalls(new ScriptToolCall("read_file", """{"path":"later.csv"}""")),
        _ => ScriptStep.Text("later.csv has one data row."),
    };

    /// <summary>A long tool result: the file is much larger than the distillation budget.</summary>
    public static Func<ScriptRequest, ScriptStep> HugeRead(string file) => request => request.ToolResultCount switch
    {
        0 => ScriptStep.ToolCalls(new ScriptToolCall("read_file", $$"""{"path":"{{file}}"}""")),
        _ => ScriptStep.Text("Read the whole log; it has 4000 lines."),
    };

    /// <summary>One successful tool call, then an answer: too little to propose a skill from.</summary>
    public static Func<ScriptRequest, ScriptStep> OneCall() => request => request.ToolResultCount switch
    {
        0 => ScriptStep.ToolCalls(new ScriptToolCall("list_dir", """{"path":"."}""")),
        _ => ScriptStep.Text("The folder holds a few files."),
    };
}
