/// The one kernel behind every per-step, per-half-cycle and per-cycle statistic: a single pass over time,
/// voltage and current that sums each segment's charge, discharge, energies, voltage extremes and duration.
///
/// Segments are contiguous row ranges given by their first rows. The record is cut into intervals between
/// consecutive samples; each interval belongs to the segment of its **later** sample, so the segments'
/// sums add up exactly to the integral over the whole record, and the interval that leads into a step
/// (from the last sample of the previous step) is counted in the step it leads into.
///
/// Within an interval the current is taken as linear in time (the trapezoid rule). Its charge and discharge
/// parts are integrated exactly for that line, so an interval where the current changes sign is split at
/// the zero crossing rather than cancelling:
///
///     both ≥ 0:        Q⁺ = Δt·(I₀ + I₁)/2
///     I₀ > 0 ≥ I₁:     Q⁺ = Δt·I₀² / (2(I₀ − I₁))
///     Q⁻ = Q⁺ − Δt·(I₀ + I₁)/2
///
/// Energies weight each part by the interval's mean voltage, E± = Q±·(V₀ + V₁)/2, which differs from
/// the exact ∫I·V dt of linear I and V by Δt·ΔI·ΔV/12 per interval — second order in the sampling step.
///
/// The inner loop runs on `SIMD8<Double>` with separate accumulators (a plain `for` over doubles is never
/// vectorised, because floating-point addition is not associative).
public enum SegmentedReduction {
    /// Statistics of each segment; `segmentStarts` must begin at 0, increase strictly and stay below
    /// `time_s.count`. The arrays must have equal lengths (as ``CyclingData`` guarantees).
    public static func reduce(
        time_s: [Double], voltage_V: [Double], current_A: [Double], segmentStarts: [Int]
    ) -> [SegmentStatistics] {
        let count = time_s.count
        precondition(voltage_V.count == count && current_A.count == count, "columns of unequal length")
        precondition(segmentStarts.first == 0 || count == 0, "the first segment must start at row 0")
        return time_s.withUnsafeBufferPointer { t in
            voltage_V.withUnsafeBufferPointer { v in
                current_A.withUnsafeBufferPointer { i in
                    segmentStarts.indices.map { k in
                        let start = segmentStarts[k]
                        let end = k + 1 < segmentStarts.count ? segmentStarts[k + 1] : count
                        precondition(start < end && end <= count, "segment starts must increase within the record")
                        return segment(t, v, i, samples: start..<end)
                    }
                }
            }
        }
    }

    /// Statistics of the whole record as one segment.
    public static func reduce(_ data: CyclingData) -> SegmentStatistics {
        reduce(time_s: data.time_s, voltage_V: data.voltage_V, current_A: data.current_A, segmentStarts: [0])[0]
    }

    private static func segment(
        _ t: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>, _ i: UnsafeBufferPointer<Double>,
        samples: Range<Int>
    ) -> SegmentStatistics {
        // Intervals (j, j+1) whose later sample lies in the segment.
        let first = max(samples.lowerBound - 1, 0)
        let last = samples.upperBound - 1  // exclusive bound on j
        var charge = SIMD8<Double>(), discharge = SIMD8<Double>()
        var chargeEnergy = SIMD8<Double>(), dischargeEnergy = SIMD8<Double>()
        // Each interval's later sample is one of the segment's samples, so the extremes ride along in the
        // same pass; only a segment starting at row 0 has a sample (row 0) that ends no interval.
        var low = SIMD8<Double>(repeating: .infinity), high = SIMD8<Double>(repeating: -.infinity)
        var minimum = samples.lowerBound == 0 ? v[0] : .infinity
        var maximum = samples.lowerBound == 0 ? v[0] : -.infinity
        var j = first
        while j + 8 <= last {
            let t0 = load(t, j), t1 = load(t, j + 1)
            let i0 = load(i, j), i1 = load(i, j + 1)
            let v0 = load(v, j), v1 = load(v, j + 1)
            let dt = t1 - t0
            let total = dt * (i0 + i1) * 0.5
            // Positive part for a linear current: whole trapezoid, the triangle before/after the zero, or 0.
            let zero = SIMD8<Double>()
            var positive = total.replacing(with: 0, where: (i0 .< zero) .| (i1 .< zero))
            // Sign changes are rare (a few per step); the divisions are paid only in blocks that have one.
            if any(i0 * i1 .< zero) {
                let spread = (i0 - i1).replacing(with: 1, where: i0 .== i1)
                positive.replace(with: dt * i0 * i0 / (2 * spread), where: (i0 .> zero) .& (i1 .< zero))
                positive.replace(with: dt * i1 * i1 / (-2 * spread), where: (i1 .> zero) .& (i0 .< zero))
            }
            let negative = positive - total
            let meanVoltage = (v0 + v1) * 0.5
            charge += positive
            discharge += negative
            chargeEnergy += positive * meanVoltage
            dischargeEnergy += negative * meanVoltage
            low.replace(with: v1, where: v1 .< low)
            high.replace(with: v1, where: v1 .> high)
            j += 8
        }
        minimum = Swift.min(minimum, low.min())
        maximum = Swift.max(maximum, high.max())
        var q = (charge: charge.sum(), discharge: discharge.sum())
        var e = (charge: chargeEnergy.sum(), discharge: dischargeEnergy.sum())
        while j < last {
            let dt = t[j + 1] - t[j], i0 = i[j], i1 = i[j + 1]
            let total = dt * (i0 + i1) * 0.5
            let positive = positivePart(dt: dt, i0, i1)
            let meanVoltage = (v[j] + v[j + 1]) * 0.5
            q.charge += positive
            q.discharge += positive - total
            e.charge += positive * meanVoltage
            e.discharge += (positive - total) * meanVoltage
            minimum = Swift.min(minimum, v[j + 1])
            maximum = Swift.max(maximum, v[j + 1])
            j += 1
        }
        let perHour = 1.0 / 3600
        return SegmentStatistics(
            chargeCapacity_Ah: q.charge * perHour, dischargeCapacity_Ah: q.discharge * perHour,
            chargeEnergy_Wh: e.charge * perHour, dischargeEnergy_Wh: e.discharge * perHour,
            minimumVoltage_V: minimum, maximumVoltage_V: maximum,
            duration_s: t[samples.upperBound - 1] - t[samples.lowerBound])
    }

    /// ∫ max(I, 0) dt over one interval of a linear current: the whole trapezoid, the triangle before or
    /// after the zero crossing, or 0. (The SIMD loop computes the same with masks.)
    @inline(__always)
    static func positivePart(dt: Double, _ i0: Double, _ i1: Double) -> Double {
        if i0 >= 0 && i1 >= 0 { return dt * (i0 + i1) * 0.5 }
        if i0 > 0 { return dt * i0 * i0 / (2 * (i0 - i1)) }
        if i1 > 0 { return dt * i1 * i1 / (2 * (i1 - i0)) }
        return 0
    }

    @inline(__always)
    private static func load(_ buffer: UnsafeBufferPointer<Double>, _ index: Int) -> SIMD8<Double> {
        UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: SIMD8<Double>.self)
    }
}
