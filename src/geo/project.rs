//! Longitude/latitude → pixels: an equirectangular projection fitted into a pixel box.
//!
//! Longitude is scaled by cos(latitude at the box's centre), so shapes keep their proportions near
//! that latitude. Pixels are square: in the terminal a cell is one pixel wide and two tall (half
//! blocks), and a cell is about twice as tall as wide.

/// `[west, south, east, north]` in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl BBox {
    pub fn from_array(b: [f64; 4]) -> BBox {
        BBox {
            west: b[0],
            south: b[1],
            east: b[2],
            north: b[3],
        }
    }

    /// An empty box that any `include` extends.
    pub fn empty() -> BBox {
        BBox {
            west: f64::INFINITY,
            south: f64::INFINITY,
            east: f64::NEG_INFINITY,
            north: f64::NEG_INFINITY,
        }
    }

    pub fn include(&mut self, p: [f64; 2]) {
        self.west = self.west.min(p[0]);
        self.east = self.east.max(p[0]);
        self.south = self.south.min(p[1]);
        self.north = self.north.max(p[1]);
    }

    pub fn union(&self, o: &BBox) -> BBox {
        BBox {
            west: self.west.min(o.west),
            south: self.south.min(o.south),
            east: self.east.max(o.east),
            north: self.north.max(o.north),
        }
    }

    /// Finite and non-empty (west ≤ east, south ≤ north).
    pub fn is_valid(&self) -> bool {
        [self.west, self.south, self.east, self.north]
            .iter()
            .all(|v| v.is_finite())
            && self.west <= self.east
            && self.south <= self.north
    }

    pub fn intersects(&self, o: &BBox) -> bool {
        self.west <= o.east && o.west <= self.east && self.south <= o.north && o.south <= self.north
    }

    /// Grown by `frac` of its size on every side (at least `min_deg` degrees).
    pub fn padded(&self, frac: f64, min_deg: f64) -> BBox {
        let dx = ((self.east - self.west) * frac).max(min_deg);
        let dy = ((self.north - self.south) * frac).max(min_deg);
        BBox {
            west: self.west - dx,
            south: (self.south - dy).max(-90.0),
            east: self.east + dx,
            north: (self.north + dy).min(90.0),
        }
    }

    pub fn centre_lat(&self) -> f64 {
        (self.south + self.north) / 2.0
    }

    /// Width and height in projected units (degrees of latitude), with longitude scaled by
    /// cos(centre latitude).
    pub fn projected_size(&self) -> (f64, f64) {
        let k = self.centre_lat().to_radians().cos().max(0.01);
        ((self.east - self.west) * k, self.north - self.south)
    }
}

/// A pixel rectangle (integer pixels; `x`,`y` the top-left).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct PxRect {
    pub x: usize,
    pub y: usize,
    pub w: usize,
    pub h: usize,
}

impl PxRect {
    pub fn contains(&self, x: usize, y: usize) -> bool {
        x >= self.x && y >= self.y && x < self.x + self.w && y < self.y + self.h
    }
    pub fn intersects(&self, o: &PxRect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
}

/// An affine map from lon/lat to pixel coordinates (continuous: pixel `(i, j)` covers
/// `[i, i+1) × [j, j+1)`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    /// Pixels per degree of longitude (already scaled by cos φ₀).
    pub sx: f64,
    /// Pixels per degree of latitude.
    pub sy: f64,
    /// Pixel x of longitude 0 … i.e. `x = lon·sx + ox`.
    pub ox: f64,
    /// `y = −lat·sy + oy`.
    pub oy: f64,
}

impl Projection {
    /// Fits `bbox` into `rect`, keeping the aspect ratio and centring the slack. A degenerate box
    /// (a point or a line) is treated as a tiny one around its centre.
    pub fn fit(bbox: &BBox, rect: PxRect) -> Projection {
        let k = bbox.centre_lat().to_radians().cos().max(0.01);
        let (mut bw, mut bh) = bbox.projected_size();
        bw = bw.max(1e-9);
        bh = bh.max(1e-9);
        let scale = (rect.w as f64 / bw).min(rect.h as f64 / bh);
        let scale = if scale.is_finite() { scale } else { 0.0 };
        let sx = scale * k;
        let sy = scale;
        let cx = rect.x as f64 + rect.w as f64 / 2.0;
        let cy = rect.y as f64 + rect.h as f64 / 2.0;
        let mid_lon = (bbox.west + bbox.east) / 2.0;
        let mid_lat = bbox.centre_lat();
        Projection {
            sx,
            sy,
            ox: cx - mid_lon * sx,
            oy: cy + mid_lat * sy,
        }
    }

    pub fn to_px(&self, p: [f64; 2]) -> [f64; 2] {
        [p[0] * self.sx + self.ox, -p[1] * self.sy + self.oy]
    }

    /// The inverse (lon/lat of a pixel position).
    pub fn to_geo(&self, x: f64, y: f64) -> [f64; 2] {
        if self.sx == 0.0 || self.sy == 0.0 {
            return [0.0, 0.0];
        }
        [(x - self.ox) / self.sx, (self.oy - y) / self.sy]
    }

    /// The pixel rectangle (fractional) that `bbox` occupies.
    pub fn extent(&self, bbox: &BBox) -> [f64; 4] {
        let a = self.to_px([bbox.west, bbox.north]);
        let b = self.to_px([bbox.east, bbox.south]);
        [a[0], a[1], b[0], b[1]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aspect_is_kept_and_longitude_scaled_by_cos_lat() {
        // 1°×1° at 60°N: cos 60° = 0.5, so the box is twice as tall as wide in pixels.
        let b = BBox::from_array([10.0, 59.5, 11.0, 60.5]);
        let r = PxRect {
            x: 0,
            y: 0,
            w: 100,
            h: 100,
        };
        let p = Projection::fit(&b, r);
        let e = p.extent(&b);
        let (w, h) = (e[2] - e[0], e[3] - e[1]);
        assert!((h - 100.0).abs() < 1e-6, "{h}");
        assert!((w / h - (60f64).to_radians().cos()).abs() < 0.01, "{w} {h}");
        // Centred horizontally.
        assert!((e[0] - (100.0 - w) / 2.0).abs() < 1e-6);
        // North is up.
        assert!(p.to_px([10.5, 60.4])[1] < p.to_px([10.5, 59.6])[1]);
        let g = p.to_geo(50.0, 50.0);
        assert!((g[0] - 10.5).abs() < 1e-9 && (g[1] - 60.0).abs() < 1e-9);
    }

    #[test]
    fn degenerate_inputs_do_not_blow_up() {
        let b = BBox::from_array([10.0, 50.0, 10.0, 50.0]);
        let p = Projection::fit(&b, PxRect::default());
        assert!(p.to_px([10.0, 50.0]).iter().all(|v| v.is_finite()));
        let p = Projection::fit(
            &b,
            PxRect {
                x: 0,
                y: 0,
                w: 10,
                h: 10,
            },
        );
        assert!(p.to_px([10.0, 50.0]).iter().all(|v| v.is_finite()));
    }
}
