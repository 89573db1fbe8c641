/// A CSV file's numbers: named columns and rows of finite doubles.
public struct NumericTable: Sendable, Hashable {
    /// The column names from the header row, in file order.
    public var columns: [String]
    /// The values row by row (row-major): row r, column c is `values[r * columns.count + c]`.
    public var values: [Double]
    /// The 1-based line of each row in the file (for messages about a row).
    public var lines: [Int]
    /// The file name shown in messages.
    public var file: String

    /// Creates a table. Precondition: `values.count == lines.count * columns.count`.
    public init(columns: [String], values: [Double], lines: [Int], file: String) {
        precondition(values.count == lines.count * columns.count, "table shape mismatch")
        self.columns = columns
        self.values = values
        self.lines = lines
        self.file = file
    }

    /// The number of data rows.
    public var rowCount: Int { lines.count }

    /// The 0-based index of a column, or nil.
    public func index(of column: String) -> Int? { columns.firstIndex(of: column) }

    /// The value at 0-based row `r` and column `c`.
    public subscript(r: Int, c: Int) -> Double { values[r * columns.count + c] }
}
