namespace Chitin.Skills.Vetting.Rules;

/// <summary>Chat-template control tokens (<c>&lt;|im_start|&gt;system</c>, <c>[INST]</c>, <c>&lt;&lt;SYS&gt;&gt;</c>) that try to forge a system or user turn inside the skill text.</summary>
internal sealed partial class ChatTemplateTokenRule() : LineRule(
    "inject.chat-template-tokens", FindingSeverity.Block, "Chat-template control tokens that forge system or user turns (<|im_start|>, [INST], <<SYS>>).")
{
    protected override SearchValues<string> Triggers { get; } = Words("<|", "[inst]", "[/inst]", "<<sys>>", "</system>", "<system>", "<|system|>", "</s>");

    protected override void CheckUnit(VetFile file, TextUnit unit, FindingSink sink)
    {
        var severity = unit.Zone == LineZone.Code ? FindingSeverity.Warning : FindingSeverity.Block;
        ReportText(file, unit, sink, Tokens(), severity,
            "Contains chat-template control tokens that can make the model read the following text as a new system or user turn. Remove them (in code samples, make sure they are only data).");
    }

    [GeneratedRegex(@"<\|(im_start|im_end|system|user|assistant|endoftext|start_header_id|end_header_id|eot_id|begin_of_text)\|>|\[/?INST\]|<</?SYS>>|</?system>", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex Tokens();
}
