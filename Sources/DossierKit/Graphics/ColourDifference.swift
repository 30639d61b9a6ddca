import Foundation

/// How different two colours look: CIEDE2000 (ΔE₀₀, CIE 142-2001, as Sharma, Wu and Dalal's
/// implementation notes give it) between sRGB colours, through CIELAB under D65. About 1 is the
/// smallest difference most people see side by side; categories a reader must tell apart in a
/// chart or on a map want 10 or more.
enum ColourDifference {
    struct Lab: Equatable {
        var lightness, a, b: Double
    }

    static func lab(_ colour: TypeColours.RGB) -> Lab {
        func linear(_ value: Double) -> Double { value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4) }
        let (r, g, b) = (linear(colour.red), linear(colour.green), linear(colour.blue))
        // sRGB to XYZ, normalised by D65's white.
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
        func f(_ t: Double) -> Double { t > 216.0 / 24389 ? cbrt(t) : (24389.0 / 27 * t + 16) / 116 }
        let (fx, fy, fz) = (f(x), f(y), f(z))
        return Lab(lightness: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz))
    }

    static func ciede2000(_ first: TypeColours.RGB, _ second: TypeColours.RGB) -> Double {
        ciede2000(lab(first), lab(second))
    }

    static func ciede2000(_ one: Lab, _ two: Lab) -> Double {
        func radians(_ degrees: Double) -> Double { degrees * .pi / 180 }
        func degrees(_ radians: Double) -> Double { radians * 180 / .pi }
        let c1 = (one.a * one.a + one.b * one.b).squareRoot(), c2 = (two.a * two.a + two.b * two.b).squareRoot()
        let meanC7 = pow((c1 + c2) / 2, 7)
        let g = 0.5 * (1 - (meanC7 / (meanC7 + pow(25, 7))).squareRoot())
        let a1 = (1 + g) * one.a, a2 = (1 + g) * two.a
        let c1p = (a1 * a1 + one.b * one.b).squareRoot(), c2p = (a2 * a2 + two.b * two.b).squareRoot()
        func hue(_ b: Double, _ a: Double) -> Double {
            guard a != 0 || b != 0 else { return 0 }
            let h = degrees(atan2(b, a))
            return h < 0 ? h + 360 : h
        }
        let h1 = hue(one.b, a1), h2 = hue(two.b, a2)
        let deltaL = two.lightness - one.lightness, deltaC = c2p - c1p
        var deltah = 0.0
        if c1p * c2p != 0 {
            deltah = h2 - h1
            if deltah > 180 { deltah -= 360 } else if deltah < -180 { deltah += 360 }
        }
        let deltaH = 2 * (c1p * c2p).squareRoot() * sin(radians(deltah / 2))
        let meanL = (one.lightness + two.lightness) / 2, meanCp = (c1p + c2p) / 2
        var meanH = h1 + h2
        if c1p * c2p != 0 {
            if abs(h1 - h2) <= 180 {
                meanH = (h1 + h2) / 2
            } else {
                meanH = h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2
            }
        }
        let t =
            1 - 0.17 * cos(radians(meanH - 30)) + 0.24 * cos(radians(2 * meanH)) + 0.32 * cos(radians(3 * meanH + 6))
            - 0.20 * cos(radians(4 * meanH - 63))
        let rotation = 30 * exp(-pow((meanH - 275) / 25, 2))
        let meanCp7 = pow(meanCp, 7)
        let rc = 2 * (meanCp7 / (meanCp7 + pow(25, 7))).squareRoot()
        let sl = 1 + 0.015 * pow(meanL - 50, 2) / (20 + pow(meanL - 50, 2)).squareRoot()
        let sc = 1 + 0.045 * meanCp, sh = 1 + 0.015 * meanCp * t
        let rt = -sin(radians(2 * rotation)) * rc
        let l = deltaL / sl, c = deltaC / sc, h = deltaH / sh
        return (l * l + c * c + h * h + rt * c * h).squareRoot()
    }
}
