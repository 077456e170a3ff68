//! Hand-built datasets for the unit tests of search, view model and friends: `Dataset` values built
//! directly from the model types, with derived figures computed here as the loader would.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::data::{Dataset, District, Meta, Project, ProjectParts, Tile};

pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

pub fn district(id: &str, name: &str, tile: (u16, u16)) -> District {
    District {
        tile: Tile {
            row: tile.0,
            col: tile.1,
        },
        tile_given: true,
        ..District::named(id, name)
    }
}

pub fn project(district: usize, name: &str, amount: &str, themes: &[&str]) -> Project {
    parts(district, name, amount, themes).into()
}

/// A project's fields, to change before building it.
pub fn parts(district: usize, name: &str, amount: &str, themes: &[&str]) -> ProjectParts {
    ProjectParts {
        district,
        name: name.to_string(),
        amount: dec(amount),
        themes: themes.iter().map(|t| t.to_string()).collect(),
        ..ProjectParts::default()
    }
}

/// Fills in the derived figures (district totals, shares, project lists, allocated, not itemised).
pub fn dataset(pool: Option<&str>, districts: Vec<District>, projects: Vec<Project>) -> Dataset {
    let mut ds = Dataset {
        origin: "test.toml".to_string(),
        meta: Meta {
            title: "Test".to_string(),
            pool: pool.map(dec),
            currency: "DKK".to_string(),
            source: None,
            published: None,
            period: None,
            notes: None,
        },
        districts,
        projects,
        allocated: Decimal::ZERO,
        not_itemised: None,
        map: None,
        geo: None,
    };
    for d in &mut ds.districts {
        d.total = Decimal::ZERO;
        d.projects.clear();
    }
    for (i, p) in ds.projects.iter().enumerate() {
        let d = &mut ds.districts[p.district];
        d.total += p.amount;
        d.projects.push(i);
        ds.allocated += p.amount;
    }
    let pool = ds.meta.pool;
    for d in &mut ds.districts {
        d.share_of_pool = pool.filter(|p| !p.is_zero()).map(|p| d.total / p);
    }
    ds.not_itemised = pool.map(|p| p - ds.allocated);
    ds
}

/// A small Danish round resembling the shipped file.
pub fn danish() -> Dataset {
    let mut kbh = district("koebenhavn", "Københavns Politi", (2, 5));
    kbh.short = Some("København".into());
    kbh.hq = Some("København".into());
    kbh.municipalities = vec!["København".into(), "Frederiksberg".into()];
    kbh.population = Some(600_000);
    let mut vestegn = district("koebenhavns-vestegn", "Københavns Vestegns Politi", (2, 4));
    vestegn.short = Some("Københavns Vestegn".into());
    vestegn.hq = Some("Glostrup".into());
    vestegn.municipalities = vec!["Ballerup".into(), "Herlev".into()];
    vestegn.population = Some(400_000);
    let mut fyn = district("fyn", "Fyns Politi", (3, 2));
    fyn.short = Some("Fyn".into());
    fyn.hq = Some("Odense".into());
    fyn.municipalities = vec!["Odense".into(), "Ærø".into()];
    let mut oj = district("oestjylland", "Østjyllands Politi", (1, 1));
    oj.short = Some("Østjylland".into());
    oj.hq = Some("Aarhus".into());
    oj.municipalities = vec!["Aarhus".into(), "Samsø".into()];
    oj.population = Some(500_000);
    let mut bornholm = district("bornholm", "Bornholms Politi", (3, 6));
    bornholm.hq = Some("Rønne".into());
    bornholm.population = Some(40_000);

    let mut vollsmose = parts(
        2,
        "Bekæmpelse af rocker- og bandeproblematikker i Vollsmose",
        "7000000",
        &["bander", "rockere", "tryghed"],
    );
    vollsmose.target = Some("Borgerne i Vollsmose".into());
    let mut partnerskab = parts(
        1,
        "Projekt partnerskabsaftaler",
        "13600000",
        &["Bander", "rekruttering", "unge"],
    );
    partnerskab.partners = vec!["Herlev Kommune".into(), "Ballerup Kommune".into()];
    let pinpoint = project(0, "Projekt Pin-point", "30000000", &["bander"]);
    let mut ekstra = parts(
        3,
        "Ekstraordinært forebyggende arbejde",
        "3000000",
        &["unge", "misbrug"],
    );
    ekstra.target = Some("Unge i Århus".into());
    dataset(
        Some("140000000"),
        vec![kbh, vestegn, fyn, oj, bornholm],
        vec![
            vollsmose.into(),
            partnerskab.into(),
            pinpoint,
            ekstra.into(),
        ],
    )
}

/// A big round for timing: `districts` × `per_district` projects with Danish and wide characters,
/// repeated partners, themes and target groups (as real ledgers have), 1–2 themes per project.
pub fn generated(districts_n: usize, per_district: usize) -> Dataset {
    let words = [
        "Tryghed",
        "Ungdom",
        "Bandeindsats",
        "Forebyggelse",
        "Nattevandring",
        "Skolesamarbejde",
        "Værested",
        "Gadeplan",
        "Misbrug",
        "Rådgivning",
        "Mentorordning",
        "Fritidsjob",
        "Øresund",
        "Åbent hus",
        "Kriminalitet",
        "Familie",
        "Boligsocial",
        "Nærpoliti",
        "数据",
        "Zoë",
    ];
    let towns = [
        "Aabenraa",
        "Ærøskøbing",
        "Køge",
        "Næstved",
        "Holbæk",
        "Helsingør",
        "Rønne",
        "Tønder",
        "Sønderborg",
        "Århus",
        "Vollsmose",
        "Glostrup",
        "Brøndby",
        "Hvidovre",
        "Ishøj",
    ];
    let mut districts = Vec::new();
    let mut projects = Vec::new();
    for d in 0..districts_n {
        let mut dist = district(
            &format!("d{d}"),
            &format!("{} Politikreds {d}", towns[d % towns.len()]),
            ((d / 40) as u16, (d % 40) as u16),
        );
        dist.short = Some(format!("{} {d}", towns[d % towns.len()]));
        dist.hq = Some(towns[(d * 7) % towns.len()].to_string());
        dist.municipalities = (0..10)
            .map(|m| format!("{} Kommune {}", towns[(d + m) % towns.len()], d * 10 + m))
            .collect();
        districts.push(dist);
        for p in 0..per_district {
            let n = d * per_district + p;
            let mut pr = parts(
                d,
                &format!(
                    "Projekt {} og {} nr. {n}",
                    words[n % words.len()],
                    words[(n / 7) % words.len()]
                ),
                "1000",
                &[
                    words[n % 13].to_lowercase().as_str(),
                    &format!("tema {}", n % 10_000),
                ],
            );
            pr.partners = vec![
                format!("{} Kommune", towns[n % towns.len()]),
                format!("Forening {}", n % 5000),
            ];
            pr.target = Some(format!(
                "Unge i {} ({})",
                towns[(n / 3) % towns.len()],
                n % 997
            ));
            projects.push(pr.into());
        }
    }
    let mut ds = dataset(Some("1000000000000"), districts, projects);
    for (i, d) in ds.districts.iter_mut().enumerate() {
        if i % 10 != 0 {
            d.population = Some(10_000 + i as u64 * 37);
        }
    }
    ds
}
