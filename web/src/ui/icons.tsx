// Stroke icons drawn on Tabler Icons' 24-unit grid (MIT); a handful inline beats an icon package.
const PATHS = {
  home: [
    'M5 12H3l9-9 9 9h-2',
    'M5 12v7a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-7',
    'M9 21v-6a2 2 0 0 1 2-2h2a2 2 0 0 1 2 2v6',
  ],
  units: ['M3 21h18', 'M5 21V7l8-4v18', 'M19 21V11l-6-4', 'M9 9v.01', 'M9 12v.01', 'M9 15v.01', 'M9 18v.01'],
  users: [
    'M5 7a4 4 0 1 0 8 0a4 4 0 1 0-8 0',
    'M3 21v-2a4 4 0 0 1 4-4h4a4 4 0 0 1 4 4v2',
    'M16 3.13a4 4 0 0 1 0 7.75',
    'M21 21v-2a4 4 0 0 0-3-3.85',
  ],
  key: ['M8 15a4 4 0 1 1 3.9-4.9L21 10v3h-2v2h-3v-2h-4.1A4 4 0 0 1 8 15z', 'M7 11h.01'],
  audit: ['M9 6h11', 'M9 12h11', 'M9 18h11', 'M5 6v.01', 'M5 12v.01', 'M5 18v.01'],
  jobs: ['M3 12h4l3 8 4-16 3 8h4'],
  vulns: [
    'M9 9V8a3 3 0 0 1 6 0v1',
    'M8 9h8a6 6 0 0 1 1 3v3a5 5 0 0 1-10 0v-3a6 6 0 0 1 1-3',
    'M3 13h4',
    'M17 13h4',
    'M12 20v-6',
    'M4 19l3.35-2',
    'M20 19l-3.35-2',
  ],
  cameras: [
    'M15 10l4.55-2.28a1 1 0 0 1 1.45.9v6.76a1 1 0 0 1-1.45.9L15 14v-4z',
    'M3 8a2 2 0 0 1 2-2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z',
  ],
  monitoring: [
    'M10 12a2 2 0 1 0 4 0a2 2 0 0 0-4 0',
    'M21 12c-2.4 4-5.4 6-9 6s-6.6-2-9-6c2.4-4 5.4-6 9-6s6.6 2 9 6',
  ],
  incidents: [
    'M12 9v4',
    'M10.36 3.6L2.26 17.12A1.91 1.91 0 0 0 3.9 20h16.2a1.91 1.91 0 0 0 1.64-2.87L13.64 3.6a1.91 1.91 0 0 0-3.28 0z',
    'M12 16h.01',
  ],
  directives: [
    'M14 3v4a1 1 0 0 0 1 1h4',
    'M17 21H7a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h7l5 5v11a2 2 0 0 1-2 2z',
    'M9 13h6',
    'M9 17h6',
  ],
  shield: ['M12 3a12 12 0 0 0 8.5 3A12 12 0 0 1 12 21 12 12 0 0 1 3.5 6 12 12 0 0 0 12 3', 'M9 12l2 2 4-4'],
  logout: [
    'M14 8V6a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h7a2 2 0 0 0 2-2v-2',
    'M9 12h12l-3-3',
    'M18 15l3-3',
  ],
  server: [
    'M3 7a3 3 0 0 1 3-3h12a3 3 0 0 1 3 3v2a3 3 0 0 1-3 3H6a3 3 0 0 1-3-3z',
    'M3 15a3 3 0 0 1 3-3h12a3 3 0 0 1 3 3v2a3 3 0 0 1-3 3H6a3 3 0 0 1-3-3z',
    'M7 8v.01',
    'M7 16v.01',
  ],
  feeds: ['M5 19a1 1 0 1 0 2 0a1 1 0 1 0-2 0', 'M4 4a16 16 0 0 1 16 16', 'M4 11a9 9 0 0 1 9 9'],
  upload: ['M4 17v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2', 'M7 9l5-5 5 5', 'M12 4v12'],
  download: ['M4 17v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2', 'M7 11l5 5 5-5', 'M12 4v12'],
  chevron: ['M9 6l6 6-6 6'],
  plus: ['M12 5v14', 'M5 12h14'],
  edit: ['M4 20h4L18.5 9.5a2.83 2.83 0 0 0-4-4L4 16v4', 'M13.5 6.5l4 4'],
  findings: [
    'M3.5 5.5l1.5 1.5l2.5-2.5',
    'M3.5 11.5l1.5 1.5l2.5-2.5',
    'M3.5 17.5l1.5 1.5l2.5-2.5',
    'M11 6h9',
    'M11 12h9',
    'M11 18h9',
  ],
  bell: [
    'M10 5a2 2 0 1 1 4 0a7 7 0 0 1 4 6v3a4 4 0 0 0 2 3H4a4 4 0 0 0 2-3v-3a7 7 0 0 1 4-6',
    'M9 17v1a3 3 0 0 0 6 0v-1',
  ],
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 18, rotate = 0 }: { name: IconName; size?: number; rotate?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      style={{ transform: rotate ? `rotate(${rotate}deg)` : undefined, transition: 'transform 120ms ease' }}
    >
      {PATHS[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
