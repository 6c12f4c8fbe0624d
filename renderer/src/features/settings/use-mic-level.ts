// The live loudness of a microphone (0…1) while `active`, for the level meter in Sound settings:
// the device opened on its own stream, an AnalyserNode read each animation frame (RMS, scaled so
// speech fills most of the bar), everything closed when the meter stops.
import { useEffect, useState } from 'react';

export function useMicLevel(deviceId: string | null, active: boolean): { level: number; error: unknown } {
  const [level, setLevel] = useState(0);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let frame = 0;
    let stream: MediaStream | null = null;
    let ctx: AudioContext | null = null;
    navigator.mediaDevices
      .getUserMedia({ audio: deviceId ? { deviceId: { ideal: deviceId } } : true, video: false })
      .then((s) => {
        stream = s;
        if (stopped) return;
        ctx = new AudioContext();
        const analyser = ctx.createAnalyser();
        analyser.fftSize = 1024;
        ctx.createMediaStreamSource(s).connect(analyser);
        const samples = new Float32Array(analyser.fftSize);
        const read = () => {
          analyser.getFloatTimeDomainData(samples);
          let sum = 0;
          for (const v of samples) sum += v * v;
          setLevel(Math.min(1, Math.sqrt(sum / samples.length) * 4));
          frame = requestAnimationFrame(read);
        };
        read();
      })
      .catch((e: unknown) => setError(e));
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      for (const t of stream?.getTracks() ?? []) t.stop();
      void ctx?.close().catch(() => undefined);
      setLevel(0);
      setError(null);
    };
  }, [deviceId, active]);
  return { level, error };
}
