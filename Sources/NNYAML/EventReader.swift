internal import CYaml

/// Drives libyaml's event parser (vendored by Yams as the `CYaml` module) over validated UTF-8
/// text and feeds the events to a `TreeBuilder`.
///
/// Working on events rather than on `Yams.compose`'s `Node` tree is deliberate:
/// - aliases arrive as their own events with their own position, so anchors, aliases and merge
///   keys are detected exactly (no lexical guessing about quotes, comments or block scalars);
/// - `Yams.compose` checks duplicate keys by hashing whole key subtrees, so an alias bomb used
///   as a mapping key makes `compose` itself run for minutes before we could reject anything;
/// - duplicate keys can be reported at their second occurrence, and the tree is built without
///   recursion, so neither deep nesting nor large files can overflow the stack.
enum EventReader {
    /// Parses `text` (UTF-8 without BOM, already validated) into exactly one document.
    static func read(_ text: UnsafeBufferPointer<UInt8>, file: String,
                     limits: YAMLLimits) throws(InputError) -> YAMLNode {
        guard let base = text.baseAddress, !text.isEmpty else {
            throw emptyDocument(file: file)
        }
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw InputError(file: file, message: "out of memory while starting the YAML parser")
        }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, base, text.count)

        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer { event.deallocate() }
        var builder = TreeBuilder(limits: limits)
        var documentCount = 0
        var rootIsEmpty = false
        while true {
            guard yaml_parser_parse(parser, event) == 1 else {
                throw ParseErrorText.inputError(for: parser, file: file, text: text, limits: limits)
            }
            defer { yaml_event_delete(event) }
            let current = event.pointee
            let location = SourceLocation(file: file, line: current.start_mark.line + 1,
                                          column: current.start_mark.column + 1)
            switch current.type {
            case YAML_SCALAR_EVENT:
                let data = current.data.scalar
                let isQuoted = data.style != YAML_PLAIN_SCALAR_STYLE
                try builder.scalar(length: data.length,
                                   makeText: { scalarText(data.value, length: data.length) },
                                   isQuoted: isQuoted, tag: string(data.tag), anchor: string(data.anchor),
                                   at: location)
                if builder.root != nil {
                    rootIsEmpty = data.length == 0 && !isQuoted
                }
            case YAML_ALIAS_EVENT:
                try builder.alias(string(current.data.alias.anchor) ?? "", at: location)
            case YAML_SEQUENCE_START_EVENT:
                let data = current.data.sequence_start
                try builder.startCollection(isMapping: false, tag: string(data.tag), anchor: string(data.anchor),
                                            at: location)
            case YAML_MAPPING_START_EVENT:
                let data = current.data.mapping_start
                try builder.startCollection(isMapping: true, tag: string(data.tag), anchor: string(data.anchor),
                                            at: location)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                try builder.endCollection()
            case YAML_DOCUMENT_START_EVENT:
                if documentCount > 0 {
                    throw InputError(at: location, "the file contains more than one YAML document (a second one"
                                     + " starts here); put everything into a single document")
                }
            case YAML_DOCUMENT_END_EVENT:
                documentCount += 1
            case YAML_STREAM_END_EVENT:
                guard let root = builder.root, !rootIsEmpty else {
                    throw emptyDocument(file: file)
                }
                return root
            default:
                break
            }
        }
    }

    /// The file-level error for a file without any YAML content.
    private static func emptyDocument(file: String) -> InputError {
        InputError(file: file, message: "empty document: the file contains no YAML content")
    }

    /// A scalar's bytes as a String (libyaml always produces valid UTF-8 from validated input).
    private static func scalarText(_ value: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String {
        guard let value, length > 0 else { return "" }
        return String(decoding: UnsafeBufferPointer(start: value, count: length), as: UTF8.self)
    }

    /// An optional NUL-terminated libyaml string (anchor or tag).
    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}
