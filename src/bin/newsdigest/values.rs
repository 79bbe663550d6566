//! The enumerated flag values as clap `ValueEnum`s, so that `--help`, usage
//! errors and completions list them. The library's types stay free of clap
//! (a library user builds without it); each enum here maps onto one of them,
//! and [`parser`] lets a field keep the library's type.

use clap::builder::{EnumValueParser, TypedValueParser};
use clap::ValueEnum;
use newsdigest::render::Format;
use newsdigest::summarize::{DeviceChoice, Precision, SummaryMode};
use newsdigest::UnsupportedPolicy;

/// A value parser that accepts the values of `A` (and lists them) and
/// yields the library's `T`.
pub fn parser<A, T>() -> impl TypedValueParser<Value = T>
where
    A: ValueEnum + Clone + Send + Sync + 'static,
    T: From<A> + Clone + Send + Sync + 'static,
{
    EnumValueParser::<A>::new().map(T::from)
}

/// `digest --format`.
#[derive(Clone, Copy, ValueEnum)]
pub enum DigestFormat {
    /// One JSON document per line, per input (see --pretty).
    Json,
    /// One Markdown digest of all inputs.
    #[value(alias = "md")]
    Markdown,
    /// One plain-text digest of all inputs.
    #[value(alias = "txt")]
    Text,
    /// One self-contained HTML page.
    Html,
}

impl From<DigestFormat> for Format {
    fn from(f: DigestFormat) -> Format {
        match f {
            DigestFormat::Json => Format::Json,
            DigestFormat::Markdown => Format::Markdown,
            DigestFormat::Text => Format::Text,
            DigestFormat::Html => Format::Html,
        }
    }
}

/// `render --format`: a digest, never JSON (batch output is JSON already).
#[derive(Clone, Copy, ValueEnum)]
pub enum RenderFormat {
    /// One Markdown digest.
    #[value(alias = "md")]
    Markdown,
    /// One plain-text digest.
    #[value(alias = "txt")]
    Text,
    /// One self-contained HTML page.
    Html,
}

impl From<RenderFormat> for Format {
    fn from(f: RenderFormat) -> Format {
        match f {
            RenderFormat::Markdown => Format::Markdown,
            RenderFormat::Text => Format::Text,
            RenderFormat::Html => Format::Html,
        }
    }
}

/// `--summary`.
#[derive(Clone, Copy, ValueEnum)]
pub enum Summary {
    /// Abstractive when the model can be had, else extractive with a notice.
    Auto,
    /// Abstractive, or an error: never a fallback.
    Abstractive,
    /// The lead sentences (lead-3); no model.
    Extractive,
    /// No summary.
    None,
}

impl From<Summary> for SummaryMode {
    fn from(s: Summary) -> SummaryMode {
        match s {
            Summary::Auto => SummaryMode::Auto,
            Summary::Abstractive => SummaryMode::Abstractive,
            Summary::Extractive => SummaryMode::Extractive,
            Summary::None => SummaryMode::None,
        }
    }
}

/// `--device`.
#[derive(Clone, Copy, ValueEnum)]
pub enum Device {
    Cpu,
    Cuda,
    /// CUDA when a device is available, else the CPU.
    Auto,
}

impl From<Device> for DeviceChoice {
    fn from(d: Device) -> DeviceChoice {
        match d {
            Device::Cpu => DeviceChoice::Cpu,
            Device::Cuda => DeviceChoice::Cuda,
            Device::Auto => DeviceChoice::Auto,
        }
    }
}

/// `--dtype`.
#[derive(Clone, Copy, ValueEnum)]
pub enum Dtype {
    /// bf16 for BART on CPUs with native bf16, else f32.
    Auto,
    F32,
    Bf16,
    /// BART on the CPU: int8 weights, f32 activations (docs/int8.md).
    Int8,
}

impl From<Dtype> for Precision {
    fn from(d: Dtype) -> Precision {
        match d {
            Dtype::Auto => Precision::Auto,
            Dtype::F32 => Precision::F32,
            Dtype::Bf16 => Precision::Bf16,
            Dtype::Int8 => Precision::Int8,
        }
    }
}

/// `--unsupported`.
#[derive(Clone, Copy, ValueEnum)]
pub enum Unsupported {
    /// Keep the sentence, marked in `summary.checks` and in digests.
    Flag,
    /// Remove the sentence (the extractive summary if none is left).
    Drop,
    /// Replace the whole summary by the extractive one.
    Extractive,
}

impl From<Unsupported> for UnsupportedPolicy {
    fn from(u: Unsupported) -> UnsupportedPolicy {
        match u {
            Unsupported::Flag => UnsupportedPolicy::Flag,
            Unsupported::Drop => UnsupportedPolicy::Drop,
            Unsupported::Extractive => UnsupportedPolicy::Extractive,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value of the clap enum parses, through the library's own
    /// `FromStr`, to the value it maps to: the two lists cannot drift apart.
    fn agrees<A, T>()
    where
        A: ValueEnum + Clone + Send + Sync + 'static,
        T: From<A> + std::str::FromStr + PartialEq + std::fmt::Debug,
        T::Err: std::fmt::Debug,
    {
        for v in A::value_variants() {
            let name = v.to_possible_value().unwrap().get_name().to_owned();
            assert_eq!(name.parse::<T>().unwrap(), T::from(v.clone()), "{name}");
        }
    }

    #[test]
    fn each_value_means_what_the_library_calls_it() {
        agrees::<DigestFormat, Format>();
        agrees::<RenderFormat, Format>();
        agrees::<Summary, SummaryMode>();
        agrees::<Device, DeviceChoice>();
        agrees::<Dtype, Precision>();
        agrees::<Unsupported, UnsupportedPolicy>();
    }
}
