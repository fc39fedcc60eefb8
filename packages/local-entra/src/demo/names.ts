/** Name pools for background people. Named characters of the storylines live in cast.ts. */
export const FIRST_NAMES = [
  'Aaron', 'Abigail', 'Adrian', 'Aisha', 'Alan', 'Alicia', 'Amir', 'Ana', 'Andre', 'Anika', 'Ben', 'Bianca',
  'Brandon', 'Camila', 'Carlos', 'Chen', 'Chloe', 'Daniel', 'Dana', 'David', 'Deepa', 'Elena', 'Elijah', 'Emma',
  'Ethan', 'Fatima', 'Felix', 'Fiona', 'Gabriel', 'Grace', 'Hana', 'Hannah', 'Hector', 'Ian', 'Ingrid', 'Isabel',
  'Jack', 'Jamal', 'Jasmine', 'Javier', 'Jin', 'Julia', 'Kai', 'Karen', 'Kenji', 'Laura', 'Leila', 'Liam',
  'Lucas', 'Lucia', 'Maya', 'Mateo', 'Mei', 'Michael', 'Mohammed', 'Nadia', 'Nathan', 'Nina', 'Noah', 'Olivia',
  'Omar', 'Oscar', 'Paula', 'Pedro', 'Quinn', 'Rachel', 'Rahul', 'Rosa', 'Ryan', 'Sara', 'Sofia', 'Stefan',
  'Tariq', 'Thomas', 'Tomoko', 'Uma', 'Victor', 'Wei', 'Yara', 'Yusuf', 'Zoe', 'Zane', 'Sean', 'Siobhan',
];

export const LAST_NAMES = [
  'Abbott', 'Adams', 'Ahmed', 'Alvarez', 'Anderson', 'Baker', 'Bauer', 'Becker', 'Bennett', 'Brooks', 'Castillo',
  'Chen', 'Clarke', 'Cohen', 'Costa', 'Davies', 'Dubois', 'Evans', 'Fischer', 'Flores', 'Garcia', 'Gomez',
  'Gonzalez', 'Green', 'Gupta', 'Hall', 'Hansen', 'Harris', 'Hoffmann', 'Hughes', 'Ito', 'Jackson', 'Jensen',
  'Johnson', 'Kaur', 'Keller', 'Khan', 'Kim', 'Kowalski', 'Kumar', 'Larsen', 'Lee', 'Lopez', 'Martin', 'Meyer',
  'Miller', 'Moreau', 'Morris', 'Murphy', 'Nakamura', 'Nguyen', 'Novak', 'Okafor', 'Olsen', "O'Connor",
  'Park', 'Patel', 'Perez', 'Petrov', 'Quinn', 'Reyes', 'Richter', 'Rossi', 'Russo', 'Sanchez', 'Santos',
  'Schmidt', 'Schneider', 'Silva', 'Singh', 'Smith', 'Sato', 'Tanaka', 'Taylor', 'Thompson', 'Torres', 'Walsh',
  'Wang', 'Weber', 'Williams', 'Wilson', 'Wright', 'Yamamoto', 'Young', 'Zhang', "O'Brien",
];

/** Departments with their job titles (the first title is the department head's). */
export const DEPARTMENTS: ReadonlyArray<{ name: string; weight: number; titles: string[] }> = [
  { name: 'Sales', weight: 22, titles: ['VP of Sales', 'Sales Manager', 'Account Executive', 'Sales Representative', 'Sales Operations Analyst'] },
  { name: 'Marketing', weight: 10, titles: ['Chief Marketing Officer', 'Marketing Manager', 'Content Strategist', 'Marketing Specialist', 'Digital Marketing Analyst'] },
  { name: 'Finance', weight: 9, titles: ['Chief Financial Officer', 'Controller', 'Financial Analyst', 'Accountant', 'Payroll Specialist'] },
  { name: 'Human Resources', weight: 6, titles: ['HR Director', 'HR Business Partner', 'Recruiter', 'HR Generalist'] },
  { name: 'Engineering', weight: 20, titles: ['VP of Engineering', 'Engineering Manager', 'Senior Software Engineer', 'Software Engineer', 'QA Engineer', 'DevOps Engineer'] },
  { name: 'IT', weight: 7, titles: ['IT Director', 'Systems Administrator', 'IT Support Specialist', 'Network Engineer', 'Security Analyst'] },
  { name: 'Operations', weight: 10, titles: ['VP of Operations', 'Operations Manager', 'Logistics Coordinator', 'Warehouse Supervisor', 'Procurement Specialist'] },
  { name: 'Customer Support', weight: 9, titles: ['Support Director', 'Support Team Lead', 'Customer Support Engineer', 'Customer Support Representative'] },
  { name: 'Legal', weight: 3, titles: ['General Counsel', 'Corporate Counsel', 'Paralegal'] },
  { name: 'Research', weight: 4, titles: ['Director of Research', 'Research Scientist', 'Data Scientist'] },
];

/** Partner organisations whose people are invited as guests. */
export const PARTNER_DOMAINS = ['fabrikam.com', 'northwindtraders.com', 'adventure-works.com', 'tailspintoys.com', 'litwareinc.com', 'wingtiptoys.com'];
