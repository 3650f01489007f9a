import ArgumentParser
import Foundation

/// `1,2,10` or `1-5,10`: cycle numbers or spectrum test ids.
struct NumberList: ExpressibleByArgument {
    var numbers: [Int]

    init?(argument: String) {
        var numbers: [Int] = []
        for part in argument.split(separator: ",") {
            let bounds = part.split(separator: "-", maxSplits: 1).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            switch bounds.count {
            case 1:
                guard let value = bounds[0] else { return nil }
                numbers.append(value)
            case 2:
                guard let low = bounds[0], let high = bounds[1], low <= high else { return nil }
                numbers += Array(low...high)
            default:
                return nil
            }
        }
        guard !numbers.isEmpty else { return nil }
        self.numbers = numbers
    }
}
