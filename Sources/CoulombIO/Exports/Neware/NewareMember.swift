/// One member of a Neware file (an `.ndc` table inside an `.ndax` archive, or the `.nda` file itself),
/// with its bytes and the words errors about it use.
struct NewareMember {
    let file: String
    let name: String
    let bytes: [UInt8]

    /// An error about this member, at a byte offset within it when one is to blame.
    func error(at offset: Int? = nil, _ problem: String) -> CoulombIOError {
        CoulombIOError(file: file, object: "member '\(name)'" + (offset.map { ", byte \($0)" } ?? ""), problem: problem)
    }
}
