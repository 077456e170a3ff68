//! Plain colour values shared by the terminal painter and the SVG export: an RGB triple, how
//! colours reach the terminal (`ColorMode`), and the nearest xterm palette index of a colour. No
//! terminal types here: the painter turns these into its own colours.

/// A colour as red, green, blue.
pub type Rgb = (u8, u8, u8);

/// How colours reach the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColorMode {
    TrueColor,
    /// The xterm 256-colour palette.
    Indexed256,
    /// No colour at all (`NO_COLOR`): patterns and modifiers only.
    NoColor,
}

/// The nearest colour of the xterm 6×6×6 cube or its grey ramp.
pub fn rgb_to_256(c: Rgb) -> u8 {
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    let near = |v: u8| {
        (0..6)
            .min_by_key(|&i| (i32::from(LEVELS[i]) - i32::from(v)).abs())
            .unwrap_or(0)
    };
    let (r, g, b) = (near(c.0), near(c.1), near(c.2));
    let cube = (LEVELS[r], LEVELS[g], LEVELS[b]);
    let dist = |a: Rgb, b: Rgb| {
        let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).pow(2);
        d(a.0, b.0) + d(a.1, b.1) + d(a.2, b.2)
    };
    let avg = (u32::from(c.0) + u32::from(c.1) + u32::from(c.2)) / 3;
    let gi = ((avg.saturating_sub(8)) / 10).min(23) as u8;
    let grey = 8 + 10 * gi;
    if dist(c, (grey, grey, grey)) < dist(c, cube) {
        232 + gi
    } else {
        16 + 36 * r as u8 + 6 * g as u8 + b as u8
    }
}

/// The colour of an xterm palette index (the 16 system colours as xterm shows them).
pub fn rgb_of_256(n: u8) -> Rgb {
    const SYSTEM: [Rgb; 16] = [
        (0, 0, 0),
        (205, 0, 0),
        (0, 205, 0),
        (205, 205, 0),
        (0, 0, 238),
        (205, 0, 205),
        (0, 205, 205),
        (229, 229, 229),
        (127, 127, 127),
        (255, 0, 0),
        (0, 255, 0),
        (255, 255, 0),
        (92, 92, 255),
        (255, 0, 255),
        (0, 255, 255),
        (255, 255, 255),
    ];
    match n {
        0..=15 => SYSTEM[usize::from(n)],
        16..=231 => {
            const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
            let k = usize::from(n - 16);
            (LEVELS[k / 36], LEVELS[(k / 6) % 6], LEVELS[k % 6])
        }
        _ => {
            let v = 8 + 10 * (n - 232);
            (v, v, v)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_indices_are_sane() {
        assert_eq!(rgb_to_256((0, 0, 0)), 16);
        assert_eq!(rgb_to_256((255, 255, 255)), 231);
        assert_eq!(rgb_to_256((128, 128, 128)), 244);
        for n in 16..=255u8 {
            assert_eq!(rgb_to_256(rgb_of_256(n)), n, "{n} round trip");
        }
        assert_eq!(rgb_to_256((255, 0, 0)), 196);
    }
}
